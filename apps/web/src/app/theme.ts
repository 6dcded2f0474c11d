import { createTheme, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 of the blue: links and filled buttons reach 4.5:1 against white (WCAG 2.2 AA, 1.4.3);
  // Mantine's default shade 6 gives 3.5:1.
  primaryShade: { light: 8, dark: 5 },
  defaultRadius: 'md',
  // Show the focus ring for keyboard users (":focus-visible").
  focusRing: 'auto',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
});

/**
 * "Dimmed" text (hints, labels, secondary lines) and placeholders shown as text (file inputs) in
 * gray 7: Mantine's gray 6 and 5 give 3.3:1 and 2.1:1 on white, below the 4.5:1 of WCAG 2.2 AA
 * for text of normal size. A field's error message likewise in red 9 (5.4:1): red 6 gives 3.3:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});

import { Badge, type BadgeProps } from '@mantine/core';

/**
 * A dossier's national status as a badge that wraps rather than cuts: the longest, "Yêu cầu thực
 * hiện nghĩa vụ tài chính", does not fit a 360 px phone on one line at the large size.
 */
export function StatusBadge({ children, ...props }: BadgeProps & { children: string }) {
  return (
    <Badge
      {...props}
      styles={{
        root: { height: 'auto', maxWidth: '100%', paddingBlock: 4 },
        label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip' },
      }}
    >
      {children}
    </Badge>
  );
}

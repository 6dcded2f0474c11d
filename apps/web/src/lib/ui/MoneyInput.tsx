import { NumberInput, type NumberInputProps } from '@mantine/core';

/** An amount in whole đồng, written the Vietnamese way (150.000): fees, payments, refunds. */
export function MoneyInput(props: Omit<NumberInputProps, 'min' | 'allowDecimal'>) {
  return (
    <NumberInput
      min={1}
      allowDecimal={false}
      thousandSeparator="."
      decimalSeparator=","
      {...props}
    />
  );
}

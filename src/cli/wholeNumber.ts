import { InvalidArgumentError } from 'commander';

/** A flag's value that counts something: a whole number, 1 or more (a usage error otherwise). */
export function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('give a whole number, 1 or more.');
  return n;
}

import { WeftError } from '@weft/engine';

/** A calculator expression could not be parsed or evaluated; the message says where and why. */
export class CalculatorError extends WeftError {
  /** 1-based character position of the problem, when there is one. */
  readonly position: number | undefined;

  constructor(message: string, position?: number) {
    super('INVALID_INPUT', message, position === undefined ? {} : { details: { position } });
    this.name = 'CalculatorError';
    this.position = position;
  }
}

import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { arithmeticMathml } from './mathml';

const document = new Window().document as unknown as Document;
const markup = (text: string): string =>
  arithmeticMathml(text, document)
    .outerHTML.replace(/ xmlns="[^"]*"/g, '')
    .replace(/<\/?mrow>/g, '');

describe('arithmeticMathml', () => {
  it('writes numbers, letters and operators as mn, mi and mo', () => {
    expect(markup('V · 32 + 1,024 = 9.5')).toBe(
      '<math><mi>V</mi><mo>·</mo><mn>32</mn><mo>+</mo><mn>1,024</mn><mo>=</mo><mn>9.5</mn></math>',
    );
  });

  it('squares the number before ², or the bracketed group it closes', () => {
    expect(markup('128²')).toBe('<math><msup><mn>128</mn><mn>2</mn></msup></math>');
    expect(markup('2 · (3 + 4)²')).toBe(
      '<math><mn>2</mn><mo>·</mo><msup><mo>(</mo><mn>3</mn><mo>+</mo><mn>4</mn><mo>)</mo><mn>2</mn></msup></math>',
    );
  });

  it('spaces a leading + or = as between two terms, a leading − as a sign', () => {
    expect(markup('+ 2')).toBe('<math><mo form="infix">+</mo><mn>2</mn></math>');
    expect(markup('= 9')).toBe('<math><mo form="infix">=</mo><mn>9</mn></math>');
    expect(markup('-2')).toBe('<math><mo>−</mo><mn>2</mn></math>');
  });

  it('writes the minus sign as −', () => {
    expect(markup('1 - 2')).toBe('<math><mn>1</mn><mo>−</mo><mn>2</mn></math>');
  });

  it('refuses anything else rather than drop it', () => {
    expect(() => arithmeticMathml('2 · <b>', document)).toThrow(/cannot write/);
  });
});

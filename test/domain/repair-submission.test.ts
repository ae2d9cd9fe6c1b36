// Intake checks a submission once against the contract and again only when repair or normalisation
// rewrote its text: an order whose text survives unchanged passes as it came, and one whose text
// the repair empties is still refused, naming the field.
import { describe, expect, it } from 'vitest';
import { OrderSubmission } from '../../contracts/order.js';
import { DomainError } from '../../src/domain/errors.js';
import { repairSubmission } from '../../src/usecases/submit-order.js';
import { fixture } from '../support/test-gateway.js';

const checked = (changes: Partial<OrderSubmission> = {}) =>
  OrderSubmission.parse({ ...fixture('01'), ...changes });

describe('repairSubmission', () => {
  it('returns clean text as it came', () => {
    const order = checked();
    const { normalized, repaired } = repairSubmission(order);
    expect(normalized.title).toBe(order.title);
    expect(normalized.content).toBe(order.content);
    expect(repaired.quality).toEqual([]);
  });

  it('refuses a title that is nothing but markup, naming the field', () => {
    const order = checked({ title: '<p></p>' });
    let refused: unknown;
    try {
      repairSubmission(order);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('validation_failed');
    expect((refused as DomainError).message).toMatch(/^title: .*after removing markup/);
  });

  it('keeps a repaired title that is still valid', () => {
    const { normalized } = repairSubmission(checked({ title: '<b>小区停电</b>' }));
    expect(normalized.title).toBe('小区停电');
  });
});

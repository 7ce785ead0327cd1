// The hand-fused Float32Array reference as a contestant.
import { FusedCharRnn } from '../fused/charRnn';
import { FusedLstm } from '../fused/lstm';
import type { Contestant } from './types';

export const fused: Contestant = {
  id: 'fused',
  label: 'fused loop (Float32Array)',
  async create({ model, weights, adam }) {
    const net = model.cell === 'lstm' ? new FusedLstm(model, weights, adam) : new FusedCharRnn(model, weights, adam);
    return { step: (batch) => net.step(batch), dispose: () => {} };
  },
};

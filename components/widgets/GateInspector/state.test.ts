import { describe, expect, it } from 'vitest';
import { configOf, DEFAULT_SEQUENCE, gateInspectorUrl, reconcile, rowCount } from './state';

const params = (query: string) => new URLSearchParams(query);

describe('gate-inspector URL state', () => {
  it('gives the defaults for an empty URL, with no notice', () => {
    const { state, notices } = gateInspectorUrl.parse(params(''));
    expect(state).toEqual({
      seq: DEFAULT_SEQUENCE,
      cell: 'lstm',
      gate: 'f',
      t: 3,
      view: 'single',
      layers: 2,
      row: 1,
      preset: '',
    });
    expect(notices).toEqual([]);
  });

  it('round-trips a full state through the URL, writing only what differs from the defaults', () => {
    const state = {
      ...gateInspectorUrl.defaults(),
      seq: [
        { value: -0.25, marked: true },
        { value: 1, marked: false },
      ],
      cell: 'gru' as const,
      gate: 'n' as const,
      t: 2,
      view: 'stacked' as const,
      layers: 3,
      row: 3,
    };
    const out = new URLSearchParams('other=1');
    gateInspectorUrl.write(state, out);
    expect(out.toString()).toBe(
      'other=1&gate-inspector.seq=*-0.25%2C1&gate-inspector.cell=gru&gate-inspector.gate=n&gate-inspector.t=2' +
        '&gate-inspector.view=stacked&gate-inspector.layers=3&gate-inspector.row=3',
    );
    expect(gateInspectorUrl.parse(out)).toEqual({ state, notices: [] });
    const plain = new URLSearchParams();
    gateInspectorUrl.write(gateInspectorUrl.defaults(), plain);
    expect(plain.toString()).toBe('');
  });

  it('replaces each out-of-range value by its default with a notice naming it', () => {
    const { state, notices } = gateInspectorUrl.parse(
      params(
        'gate-inspector.t=0&gate-inspector.view=sideways&gate-inspector.layers=4&gate-inspector.seq=&gate-inspector.cell=rnn',
      ),
    );
    expect(state).toEqual(gateInspectorUrl.defaults());
    expect(notices).toHaveLength(5);
    expect(notices[0]).toContain('“gate-inspector.seq=”');
    expect(notices.join(' ')).toContain('“gate-inspector.view=sideways” must be one of single, bidirectional, stacked');
  });

  it('maps a gate the cell lacks to its counterpart: silently for the default gate, with a notice for a chosen one', () => {
    expect(gateInspectorUrl.parse(params('gate-inspector.cell=gru'))).toMatchObject({
      state: { cell: 'gru', gate: 'z' },
      notices: [],
    });
    const chosen = gateInspectorUrl.parse(params('gate-inspector.cell=gru&gate-inspector.gate=g'));
    expect(chosen.state.gate).toBe('n');
    expect(chosen.notices).toEqual(['The GRU has no gate “g”; showing n instead.']);
    expect(gateInspectorUrl.parse(params('gate-inspector.gate=r')).state.gate).toBe('i');
  });

  it('brings t inside the sequence and the row inside the view', () => {
    const short = gateInspectorUrl.parse(params('gate-inspector.seq=0.1,*0.2&gate-inspector.t=9'));
    expect(short.state.t).toBe(2);
    expect(short.notices).toEqual(['Step 9 is past the end of the 2-step sequence; showing step 2.']);
    const row = gateInspectorUrl.parse(params('gate-inspector.view=bidirectional&gate-inspector.row=3'));
    expect(row.state.row).toBe(1);
    expect(row.notices).toEqual(['The bidirectional view has 2 rows; opening row 1.']);
    const state = { ...gateInspectorUrl.defaults(), view: 'stacked' as const, layers: 3, row: 3 };
    expect(reconcile(state)).toEqual([]);
    state.layers = 2;
    reconcile(state);
    expect(state.row).toBe(1);
  });

  it('derives the network and the number of rows from the view', () => {
    const base = gateInspectorUrl.defaults();
    expect(configOf(base)).toEqual({ cell: 'lstm', numLayers: 1, bidirectional: false });
    expect(configOf({ ...base, view: 'bidirectional', layers: 3 })).toEqual({
      cell: 'lstm',
      numLayers: 1,
      bidirectional: true,
    });
    expect(configOf({ ...base, view: 'stacked', layers: 3, cell: 'gru' })).toEqual({
      cell: 'gru',
      numLayers: 3,
      bidirectional: false,
    });
    expect([
      rowCount(base),
      rowCount({ ...base, view: 'bidirectional' }),
      rowCount({ ...base, view: 'stacked', layers: 3 }),
    ]).toEqual([1, 2, 3]);
  });

  it('says what is wrong with a sequence in the URL, naming the field and its own rule', () => {
    const { state, notices } = gateInspectorUrl.parse(params('gate-inspector.seq=99999'));
    expect(state.seq).toEqual(DEFAULT_SEQUENCE);
    expect(notices).toEqual([
      '“gate-inspector.seq=99999” must list 1 to 12 numbers from −1 to 1, separated by commas (99999 is outside −1 … 1); using the default instead.',
    ]);
    expect(gateInspectorUrl.parse(params('gate-inspector.seq=0.5,zz')).notices).toEqual([
      '“gate-inspector.seq=0.5,zz” must list 1 to 12 numbers from −1 to 1, separated by commas (“zz” is not a number); using the default instead.',
    ]);
  });

  it('reads the first of a repeated parameter, says so, and reconciles what it read', () => {
    const { state, notices } = gateInspectorUrl.parse(
      params('gate-inspector.seq=0.1,*0.2&gate-inspector.t=2&gate-inspector.t=99999'),
    );
    expect(state.t).toBe(2);
    expect(notices).toEqual([
      '“gate-inspector.t” is in the address 2 times; reading the first, “2”, and ignoring “99999”.',
    ]);
  });
});

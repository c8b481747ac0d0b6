import {
  currencyDigits,
  decimalHours,
  formatDecimalHours,
  formatMoney,
  memberTargets,
  moneyAmount,
  parseRate,
  payTotal,
  resolveRate,
  sessionPay,
} from '../src/pay';

const H = 3_600_000;

describe('decimal hours', () => {
  it.each([
    [0, 0],
    [7.75 * H, 7.75],
    [17_999, 0], // 0.004999 h
    [18_000, 0.01], // exactly 0.005 h rounds half up
    [H + 54_000, 1.02], // 1.015 h
    [-5, 0],
  ])('%d ms → %d h', (ms, hours) => {
    expect(decimalHours(ms)).toBe(hours);
  });
  it('always shows two places', () => {
    expect(formatDecimalHours(7.5 * H)).toBe('7.50');
  });
});

describe('currencies', () => {
  it('knows minor digits from Intl', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
  });
  it.each(['XYZ', 'eur', 'EURO', '', '€'])('refuses %p', (code) => {
    expect(currencyDigits(code)).toBeNull();
  });
  it('writes amounts exactly', () => {
    expect(moneyAmount(9300, 2)).toBe('93.00');
    expect(moneyAmount(5, 2)).toBe('0.05');
    expect(moneyAmount(1500, 0)).toBe('1500');
    expect(moneyAmount(1, 3)).toBe('0.001');
    expect(formatMoney(123456789, 'EUR')).toBe('EUR 1,234,567.89');
    expect(formatMoney(1500, 'JPY')).toBe('JPY 1,500');
  });
});

describe('parseRate', () => {
  it.each([
    ['15', 2, 1500],
    ['15.5', 2, 1550],
    ['15,50', 2, 1550],
    ['0.01', 2, 1],
    ['1500', 0, 1500],
    ['1.234', 3, 1234],
    ['100000', 2, 10_000_000],
  ])('%p with %d digits → %d', (text, digits, minor) => {
    expect(parseRate(text, digits)).toEqual({ ok: true, minor });
  });
  it.each([
    ['-5', 2, /isn't an hourly rate/],
    ['abc', 2, /isn't an hourly rate/],
    ['1e5', 2, /isn't an hourly rate/],
    ['0', 2, /more than zero/],
    ['0.00', 2, /more than zero/],
    ['1.005', 2, /at most 2 after the point/],
    ['1.5', 0, /no minor unit/],
    ['100000.01', 2, /at most 100,000/],
    ['999999', 2, /at most 100,000/],
  ])('refuses %p with %d digits', (text, digits, message) => {
    const parsed = parseRate(text, digits);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});

describe('sessionPay: exact duration × rate, half up to one minor unit', () => {
  it.each([
    [H, 1550, 1550],
    [30 * 60_000, 1555, 778], // 777.5 → 778
    [20 * 60_000, 1000, 333], // 333.33…
    [40 * 60_000, 1000, 667], // 666.66…
    [1, 1, 0],
    [1_800_000, 1, 1], // 0.5 → 1
    [1_799_999, 1, 0],
    [7 * 24 * H, 100_000_000, 16_800_000_000], // a week at the highest KWD rate stays exact
    [0, 1500, 0],
  ])('%d ms at %d/h → %d', (ms, rate, pay) => {
    expect(sessionPay(ms, rate)).toBe(pay);
  });
  it('a total is the sum of its rounded sessions, not the rounding of the sum', () => {
    const member = { userId: '1', roleIds: [] };
    const third = 20 * 60_000;
    const total = payTotal({ 'member:1': 1000 }, member, [
      { category: 'a', ms: third },
      { category: 'a', ms: third },
      { category: 'a', ms: third },
    ]);
    expect(total).toEqual({ ms: H, pay: 999, unpaidMs: 0 });
  });
});

describe('resolveRate: member > category > highest role', () => {
  const rates = { 'member:1': 3000, 'category:support': 2000, 'role:10': 1000, 'role:11': 1200 };
  it.each([
    [
      'the member rate wins over everything',
      { userId: '1', roleIds: ['10', '11'] },
      'support',
      3000,
      'member:1',
    ],
    [
      'the category rate wins over roles',
      { userId: '2', roleIds: ['10', '11'] },
      'support',
      2000,
      'category:support',
    ],
    ['the highest role rate applies', { userId: '2', roleIds: ['10', '11'] }, 'work', 1200, 'role:11'],
    ['one role', { userId: '2', roleIds: ['10', '12'] }, 'work', 1000, 'role:10'],
  ])('%s', (_name, member, category, minorPerHour, scope) => {
    expect(resolveRate(rates, member, category)).toEqual({ minorPerHour, scope });
  });
  it('no rate applies: null, and the time counts as unpaid', () => {
    expect(resolveRate(rates, { userId: '2', roleIds: [] }, 'work')).toBeNull();
    expect(payTotal(rates, { userId: '2', roleIds: [] }, [{ category: 'work', ms: H }])).toEqual({
      ms: H,
      pay: 0,
      unpaidMs: H,
    });
  });
});

describe('memberTargets', () => {
  it('takes the highest target of the member’s roles per period', () => {
    const targets = {
      '10': { period: 'week' as const, minutes: 600 },
      '11': { period: 'week' as const, minutes: 1200 },
      '12': { period: 'month' as const, minutes: 4800 },
    };
    expect(memberTargets(targets, ['10', '11', '12', '13'])).toEqual({
      week: { period: 'week', minutes: 1200, roleId: '11' },
      month: { period: 'month', minutes: 4800, roleId: '12' },
    });
    expect(memberTargets(targets, ['13'])).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { namedSignatories, normalizeName } from './signatories.js';

describe('normalizeName', () => {
  it.each([
    ['José Ángel PÉREZ-LÓPEZ', 'jose angel perez lopez'],
    ['  Anne-Marie   O’Brien ', 'anne marie o brien'],
    ['Łukasz Wąsowski', 'lukasz wasowski'],
    ['Søren Kierkegaard', 'soren kierkegaard'],
    ['Straße', 'strasse'],
    ['İlhan Öztürk', 'ilhan ozturk'],
    ['Ngô Bảo Châu', 'ngo bao chau'],
    ['عبد اللَّه الأحمد', 'عبد الله الاحمد'],
    // Marks go in every script (й as и, ё as е): both sides of the comparison fold alike.
    ['Сергей Лавров', 'сергеи лавров'],
    ['Пётр', 'петр'],
    ['王毅', '王毅'],
  ])('%j → %j', (name, expected) => {
    expect(normalizeName(name)).toBe(expected);
  });
});

describe('namedSignatories', () => {
  const letter = '(Signed) JOSÉ ÁNGEL PÉREZ-LÓPEZ\nPermanent Representative\nسفير عبد الله الأحمد';
  it.each<[string[], string[]]>([
    [['Jose Angel Perez Lopez'], ['Jose Angel Perez Lopez']],
    [['José Ángel Pérez López', 'Marie Dupont'], ['José Ángel Pérez López']],
    [['عبد الله الأحمد'], ['عبد الله الأحمد']],
    [['Angel Perez'], ['Angel Perez']],
    [['Ángel Pére'], []],
    [['Marie Dupont'], []],
    [['', '  '], []],
  ])('%j in the letter → %j', (signatories, expected) => {
    expect(namedSignatories(letter, signatories)).toEqual(expected);
  });

  it('matches whole words only', () => {
    expect(namedSignatories('Yours sincerely, Joann Leeds', ['Ann Lee'])).toEqual([]);
    expect(namedSignatories('Yours sincerely, Ann Lee.', ['Ann Lee'])).toEqual(['Ann Lee']);
  });
});

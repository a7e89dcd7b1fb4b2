import type { Language } from './normalise.ts';

// Stop words are function words (articles, auxiliaries, prepositions, pronouns, particles) that two wordings of one
// question use freely and two different questions share anyway: "When will THE school be repaired?" and "When will
// THE hospital be repaired?" share more function words than content words. Left in, they would raise every score and
// hide the one content word that makes a question different. The lists are Snowball's, shortened, less the words that
// can change a question: not, no, off, up, back, this, next stay in; again, now, finally go.
// Forms are listed as normalise returns them (lower case, е for ё, no apostrophes).
const STOP: Record<Language, Set<string>> = {
  en: new Set(
    (
      'a an the is are was were be been being am do does did doing will would shall should can could may might must ' +
      'have has had having to of in at on for by with from into about as and or but so it its that there here ' +
      'i me my we us our you your they them their he she his her him if then than also just still yet again please ' +
      'any some going finally someone anyone now really actually very too ever even already s get got ' +
      'over more most such only own same few other each both all right currently ' +
      // Vague verbs that two wordings of a question add or leave out ("will a paediatrician appear", "is a school
      // planned"): issue 10's tuning pairs.
      'plan plans planned planning expect expected make makes made done happen happens happened able become becomes ' +
      'every after those because given near'
    ).split(' '),
  ),
  ru: new Set(
    (
      'и в во на с со к ко по о об обо от до из у за для при про над под а но же ли бы б то ну вот это так уже еще ' +
      'наконец вообще тоже также я мы вы он она оно они его ее их нас нам мне меня себя свой свою своих ' +
      'наш наша наше наши нашего нашей нашему нашим нашем наших нашими нашу ваш ваша ваше ваши вашего вашей ' +
      'был была было были быть будет будут есть который которая которое которые которых которым чтобы если или ' +
      'тот та те тех том все всех весь лишь опять снова ведь разве даже именно уж ' +
      'сейчас теперь больше более много ни один одного одна тут здесь там потом почти всего тогда можно надо вообще ' +
      'намного гораздо которого которой котором которую ' +
      'появиться появится появятся появилась появился сделать сделают сделали делать станет станут стать ' +
      'планируется планируют планирует планировать собираются собирается ожидается ожидаются может могут смогут ' +
      'должен должна должны нужно приходится каждый каждым каждого каждом каждую после через'
    ).split(' '),
  ),
  uk: new Set(
    (
      'і й та в у на з із зі до від по о об за для при про над під а але ж же чи б би то ну ось це так вже ще ' +
      'нарешті взагалі теж також я ми ви він вона воно вони його її їх нас нам мені мене себе свій свою своїх ' +
      'наш наша наше наші нашого нашої нашому нашим нашій наших нашими нашу ваш ваша ваше ваші вашого вашої ' +
      'був була було були бути буде будуть є щоб якщо або той ті тих тому все всіх весь лише знову адже навіть ' +
      'саме ' +
      'зараз тепер більше багато ні жодного жодної один одного одна тут там потім майже тоді можна треба понад ' +
      'значно набагато якого якої якому яку ' +
      'зявиться зявляться зявилася зявився зробити зроблять зробили робити стане стануть стати ' +
      'планується планують планує планувати збираються збирається очікується може можуть зможуть мають має ' +
      'повинні повинен потрібно доведеться кожен кожного кожному кожну після досі через'
    ).split(' '),
  ),
};

// Question words are kept at reduced weight: they tell "when will" from "why was", but two wordings of one question
// often swap them ("how long until..." for "when will..."). The vague ones (what, какой) weigh least: "What will a
// ticket cost?" and "How much will a ticket cost?" are one question.
const QUESTION: Record<Language, Set<string>> = {
  en: new Set('when why how who where whom whose much many'.split(' ')),
  ru: new Set('когда почему зачем как что кто где куда откуда сколько чей отчего'.split(' ')),
  uk: new Set('коли чому навіщо як що хто де куди звідки скільки чий'.split(' ')),
};
const VAGUE_QUESTION: Record<Language, Set<string>> = {
  en: new Set('what which'.split(' ')),
  ru: new Set('какой какая какое какие каких каким какую'.split(' ')),
  uk: new Set('який яка яке які яких яким яку'.split(' ')),
};

/** isStopWord says whether a normalised word is a function word left out of a question's features. */
export function isStopWord(word: string, lang: Language): boolean {
  return STOP[lang].has(word);
}

/** questionWordWeight is the weight of a normalised interrogative (0.75, or 0.25 for a vague one), undefined for other words. */
export function questionWordWeight(word: string, lang: Language): number | undefined {
  if (QUESTION[lang].has(word)) return 0.75;
  return VAGUE_QUESTION[lang].has(word) ? 0.25 : undefined;
}

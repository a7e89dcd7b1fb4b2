import type { Language } from './normalise.ts';

// Stop words are function words (articles, auxiliaries, prepositions, pronouns, particles) that two wordings of one
// question use freely and two different questions share anyway: "When will THE school be repaired?" and "When will
// THE hospital be repaired?" share more function words than content words. Left in, they would raise every score and
// hide the one content word that makes a question different. The lists are Snowball's, shortened, less the words that
// can change a question: not, no, off, up, back, this, next stay in; again, now, finally go.
// Forms are listed as normalise returns them (lower case, е for ё, no apostrophes).
const STOP: Record<Language, Set<string>> = {
  en: new Set(
    ('a an the is are was were be been being am do does did doing will would shall should can could may might must ' +
      'have has had having to of in at on for by with from into about as and or but so it its that there here ' +
      'i me my we us our you your they them their he she his her him if then than also just still yet again please ' +
      'any some going finally someone anyone now really actually very too ever even already s get got ' +
      'over more most such only own same few other each both all right currently').split(' '),
  ),
  ru: new Set(
    ('и в во на с со к ко по о об обо от до из у за для при про над под а но же ли бы б то ну вот это так уже еще ' +
      'наконец вообще тоже также я мы вы он она оно они его ее их нас нам мне меня себя свой свою своих ' +
      'наш наша наше наши нашего нашей нашему нашим нашем наших нашими нашу ваш ваша ваше ваши вашего вашей ' +
      'был была было были быть будет будут есть который которая которое которые которых которым чтобы если или ' +
      'тот та те тех том все всех весь лишь опять снова ведь разве даже именно уж ' +
      'сейчас теперь больше более много ни один одного одна тут здесь там потом почти всего тогда можно надо вообще ' +
      'намного гораздо').split(' '),
  ),
  uk: new Set(
    ('і й та в у на з із зі до від по о об за для при про над під а але ж же чи б би то ну ось це так вже ще ' +
      'нарешті взагалі теж також я ми ви він вона воно вони його її їх нас нам мені мене себе свій свою своїх ' +
      'наш наша наше наші нашого нашої нашому нашим нашій наших нашими нашу ваш ваша ваше ваші вашого вашої ' +
      'був була було були бути буде будуть є щоб якщо або той ті тих тому все всіх весь лише знову адже навіть ' +
      'саме ' +
      'зараз тепер більше багато ні жодного жодної один одного одна тут там потім майже тоді можна треба понад ' +
      'значно набагато').split(' '),
  ),
};

// Question words are kept at half weight: they tell "when will" from "why was", but two wordings of one question
// often swap them ("how long until..." for "when will...").
const QUESTION: Record<Language, Set<string>> = {
  en: new Set('when why how what who where which whom whose much many'.split(' ')),
  ru: new Set('когда почему зачем как что кто где куда откуда сколько какой какая какое какие каких каким чей отчего'.split(' ')),
  uk: new Set('коли чому навіщо як що хто де куди звідки скільки який яка яке які яких яким чий'.split(' ')),
};

/** isStopWord says whether a normalised word is a function word left out of a question's features. */
export function isStopWord(word: string, lang: Language): boolean {
  return STOP[lang].has(word);
}

/** isQuestionWord says whether a normalised word is an interrogative, which counts half as much as a content word. */
export function isQuestionWord(word: string, lang: Language): boolean {
  return QUESTION[lang].has(word);
}

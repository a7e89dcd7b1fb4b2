import type { ActionContext, Actor } from '../actions/context.ts';
import { createEvent } from '../actions/create-event.ts';
import { askQuestion } from '../actions/ask-question.ts';
import { castVote } from '../actions/cast-vote.ts';
import { mergeQuestions } from '../actions/merge-questions.ts';
import { moderateQuestion } from '../actions/moderate-question.ts';
import { listEventsOf } from '../store/events.ts';
import { epochToLocalInput } from '../domain/zoned-time.ts';

// What people ask at a town hall with an official, in the three languages, with the votes each gets in the demo.
const demoQuestions: { text: string; name?: string; votes: number }[] = [
  {
    text: 'Когда мобилизованных из нашей области вернут домой? Прошло больше года без ротации.',
    name: 'Ольга',
    votes: 41,
  },
  { text: 'Почему выплаты семьям мобилизованных задерживают уже второй месяц?', votes: 28 },
  { text: 'Когда отремонтируют школу на улице Ленина? Дети учатся в две смены.', name: 'Наталья К.', votes: 17 },
  { text: 'Чому ціни на опалення знову виросли, а батареї холодні?', votes: 23 },
  { text: 'Коли відновлять рух автобусів до районної лікарні?', name: 'Ірина', votes: 12 },
  { text: 'Will the city publish how the reconstruction budget was spent, contract by contract?', votes: 9 },
  { text: 'Почему закрыли родильное отделение в районной больнице и куда теперь ехать?', votes: 14 },
  { text: 'Когда вернут домой мобилизованных из нашей области? Больше года без ротации.', votes: 6 },
  { text: 'Where can relatives of detained protesters get news of them?', votes: 5 },
  { text: 'Купите дешёвые часы на сайте example.com', votes: 0 },
];

/**
 * seedDemoEvent opens a demo town hall (once per demo organiser) with questions, votes and a few moderation decisions,
 * all through the real actions, so the record holds them like any other; it returns the join code.
 */
export async function seedDemoEvent(ctx: ActionContext, actor: Actor): Promise<string> {
  const existing = (await listEventsOf(ctx.store.db, actor.id)).find((e) => e.status === 'open');
  if (existing) return existing.code;
  const now = ctx.now();
  const code = await createEvent(ctx, actor, {
    title: 'Прямая линия с губернатором: спрашивают жители',
    addressee: 'Губернатор области',
    language: 'ru',
    description:
      'Задайте вопрос и голосуйте за вопросы других. Похожие вопросы объединяются, а каждое решение модераторов видно в публичном реестре.',
    timeZone: 'Europe/Moscow',
    startsAt: epochToLocalInput(now - 3600_000, 'Europe/Moscow'),
    endsAt: epochToLocalInput(now + 7 * 86_400_000, 'Europe/Moscow'),
    moderation: 'after',
    anonymousAllowed: 'on',
    maxLength: '300',
    listed: 'on',
  });
  const ids: string[] = [];
  for (const q of demoQuestions) {
    const result = await askQuestion(ctx, code, { text: q.text, ...(q.name ? { name: q.name } : {}), anyway: '1' });
    ids.push(result.kind === 'asked' ? result.question : '');
  }
  const votes: Promise<unknown>[] = [];
  demoQuestions.forEach((q, i) => {
    for (let v = 0; v < q.votes; v++) votes.push(castVote(ctx, code, ids[i], `demo-voter-${v}`));
  });
  await Promise.all(votes);
  await moderateQuestion(ctx, actor, code, ids[9], 'hide', 'spam');
  await mergeQuestions(ctx, actor, code, ids[7], ids[0]);
  await moderateQuestion(ctx, actor, code, ids[4], 'answer');
  await moderateQuestion(ctx, actor, code, ids[1], 'pin');
  return code;
}

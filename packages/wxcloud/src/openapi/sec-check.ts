/**
 * `security.msgSecCheck` as the emulator decides it: a text is risky when it contains one of the
 * configured risky words, to review when it contains a review word, else it passes. WeChat's own
 * model is unknowable offline, so the words are the emulator's, configurable (service options or
 * `setWords`), and documented in docs/profile.md. Version 2 answers `result { suggest, label }` and
 * `detail`; version 1 answers errcode 87014 for a risky text.
 */
import { randomUUID } from 'node:crypto';
import { wechatError } from '../wechat/errors';

/** Largest text WeChat checks (2500 characters). */
export const MAX_CHECKED_CHARACTERS = 2500;
/** WeChat's label for a text that passed. */
export const NORMAL_LABEL = 100;

export interface SecCheckWords {
  /** Word -> WeChat label (20001 politics, 20002 porn, 20003 abuse, 20006 illegal, 20008 fraud, 21000 other). */
  risky: Record<string, number>;
  /** Words that make the suggestion `review` (label 21000). */
  review: string[];
}

export const DEFAULT_SEC_CHECK_WORDS: SecCheckWords = {
  risky: { 违禁词: 21000, 赌博: 20006, 代开发票: 20008, 'risky-word': 21000 },
  review: ['待审核', 'review-word'],
};

type Json = Record<string, unknown>;

export function msgSecCheck(data: Json, words: SecCheckWords): Json {
  const rid = randomUUID();
  const content = data.content;
  if (typeof content !== 'string' || content === '') return wechatError('EMPTY_PARAMETER', rid);
  if ([...content].length > MAX_CHECKED_CHARACTERS) return wechatError('INVALID_PARAMETER_FORMAT', rid);
  const texts = [content, data.nickname, data.title, data.signature].filter(
    (text): text is string => typeof text === 'string',
  );
  const found = classify(texts.join('\n'), words);
  if (Number(data.version) !== 2) {
    return found.suggest === 'risky' ? wechatError('RISKY_CONTENT', rid) : { errcode: 0, errmsg: 'ok' };
  }
  if (typeof data.openid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(data.openid))
    return wechatError('INVALID_OPENID', rid);
  if (![1, 2, 3, 4].includes(Number(data.scene))) return wechatError('INVALID_SCENE', rid);
  return {
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: found.suggest, label: found.label },
    detail: [
      {
        strategy: 'content_model',
        errcode: 0,
        suggest: found.suggest,
        label: found.label,
        prob: found.suggest === 'pass' ? 0 : 90,
      },
      {
        strategy: 'keyword',
        errcode: 0,
        ...(found.keyword ? { suggest: found.suggest, label: found.label, level: 20, keyword: found.keyword } : {}),
      },
    ],
    trace_id: rid,
  };
}

function classify(
  text: string,
  words: SecCheckWords,
): { suggest: 'pass' | 'review' | 'risky'; label: number; keyword?: string } {
  const lower = text.toLowerCase();
  for (const [word, label] of Object.entries(words.risky)) {
    if (lower.includes(word.toLowerCase())) return { suggest: 'risky', label, keyword: word };
  }
  const review = words.review.find((word) => lower.includes(word.toLowerCase()));
  return review ? { suggest: 'review', label: 21000, keyword: review } : { suggest: 'pass', label: NORMAL_LABEL };
}

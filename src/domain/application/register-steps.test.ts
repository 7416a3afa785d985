import { describe, expect, it } from 'vitest';
import { loadRegulations } from '../../storage/regulation-files.js';
import type { ChannelFlow } from '../regulation/ChannelFlow.js';
import type { Step } from '../regulation/Step.js';
import { getFlow } from './fold.js';
import {
  isReturnStep,
  RegisterMoment,
  registerStepActor,
  stepsCompletedAt,
} from './register-steps.js';

const { regulations } = loadRegulations();
const frontOfficeFlow = (id: string): ChannelFlow => {
  const found = regulations.find((entry) => entry.regulation.id === id);
  if (!found) throw new Error(`missing ${id}`);
  return getFlow(found.regulation, 'front_office');
};
const ids = (steps: readonly Step[]) => steps.map((step) => step.id);

describe('the steps a courier register completes, read from the regulations', () => {
  it('Kostanay: the courier step («Пакет доставлен услугодателю») ends with the delivery, not the register', () => {
    const flow = frontOfficeFlow('kostanay.extern-permission.2018-12-21');
    expect(stepsCompletedAt(RegisterMoment.compiled, flow, 'fo-courier')).toEqual([]);
    const delivered = stepsCompletedAt(RegisterMoment.delivered, flow, 'fo-courier');
    expect(ids(delivered)).toEqual(['fo-courier']);
    expect(registerStepActor(delivered[0]!)).toBe('courier');
  });

  it('Aktobe: the one compile_register step also delivers within a day, so the delivery ends it', () => {
    const entry = regulations.find(
      (candidate) =>
        candidate.regulation.region === 'aktobe' &&
        candidate.regulation.service === 'extern-permission',
    )!;
    const flow = getFlow(entry.regulation, 'front_office');
    expect(stepsCompletedAt(RegisterMoment.compiled, flow, 'fo-register-courier')).toEqual([]);
    expect(ids(stepsCompletedAt(RegisterMoment.delivered, flow, 'fo-register-courier'))).toEqual([
      'fo-register-courier',
    ]);
    // The operator's own hand-over to the accumulation sector is not the courier's.
    expect(stepsCompletedAt(RegisterMoment.delivered, flow, 'fo-to-accumulation')).toEqual([]);
  });

  it('a compile_register step followed by a separate courier delivery ends with the register', () => {
    const flow = frontOfficeFlow('kostanay.extern-permission.2018-12-21');
    const courier = flow.steps.find((step) => step.id === 'fo-courier')!;
    const compile: Step = {
      ...courier,
      id: 'fo-compile',
      action: 'compile_register',
      next: 'fo-courier',
    };
    const consent = flow.steps.find((step) => step.id === 'fo-consent')!;
    const amended: ChannelFlow = {
      ...flow,
      steps: [
        ...flow.steps.map((step) =>
          step.id === consent.id ? { ...step, next: 'fo-compile' } : step,
        ),
        compile,
      ],
    };
    expect(ids(stepsCompletedAt(RegisterMoment.compiled, amended, 'fo-compile'))).toEqual([
      'fo-compile',
    ]);
    expect(ids(stepsCompletedAt(RegisterMoment.delivered, amended, 'fo-compile'))).toEqual([
      'fo-compile',
      'fo-courier',
    ]);
  });

  it('the return: the provider’s sending step ends when the front office receives the results', () => {
    const flow = frontOfficeFlow('kostanay.extern-permission.2018-12-21');
    expect(stepsCompletedAt(RegisterMoment.returned, flow, 'fo-send-result')).toEqual([]);
    const received = stepsCompletedAt(RegisterMoment.received, flow, 'fo-send-result');
    expect(ids(received)).toEqual(['fo-send-result']);
    expect(registerStepActor(received[0]!)).toBe('system');
    expect(stepsCompletedAt(RegisterMoment.received, flow, 'fo-issue-result')).toEqual([]);
    expect(stepsCompletedAt(RegisterMoment.received, flow, undefined)).toEqual([]);
  });

  it('a store_result step of the front office after the sending step is completed on arrival too', () => {
    const flow = frontOfficeFlow('kostanay.extern-permission.2018-12-21');
    const issue = flow.steps.find((step) => step.id === 'fo-issue-result')!;
    const store: Step = {
      ...issue,
      id: 'fo-store',
      action: 'store_result',
      end: undefined,
      status: undefined,
      next: 'fo-issue-result',
    };
    const amended: ChannelFlow = {
      ...flow,
      steps: [
        ...flow.steps.map((step) =>
          step.id === 'fo-send-result' ? { ...step, next: 'fo-store' } : step,
        ),
        store,
      ],
    };
    const received = stepsCompletedAt(RegisterMoment.received, amended, 'fo-send-result');
    expect(ids(received)).toEqual(['fo-send-result', 'fo-store']);
    expect(registerStepActor(received[1]!)).toBe('receiver');
  });

  it('electronic delivery by the information system never travels in a register', () => {
    const entry = regulations.find(
      (candidate) => candidate.regulation.service === 'archive-certificate',
    )!;
    const flow = getFlow(entry.regulation, 'front_office');
    const send = flow.steps.find((step) => step.id === 'send-result')!;
    expect(isReturnStep(send)).toBe(false);
  });
});

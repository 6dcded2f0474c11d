import type { DossierActionRequest, DossierView } from '@motcua/contracts';
import {
  Alert,
  Button,
  Card,
  Divider,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { MoneyInput } from '../../../lib/ui/MoneyInput';
import { useAgencies, useAgencyUnits, useDossierAction } from '../api';
import { AssigneePicker, assigneeFields, type Assignee } from './AssigneePicker';
import { when } from './DossierTimeline';

type Kind = DossierActionRequest['kind'];

/** The ways a dossier ends early; each needs the reason typed above. */
const ENDINGS = [
  { kind: 'refuse', color: 'red' },
  { kind: 'stop', color: 'red' },
  { kind: 'withdraw', color: 'gray' },
] as const;

/** A titled group of fields and its button, shown only when the action is possible now. */
function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Divider label={title} labelPosition="left" />
      {children}
    </Stack>
  );
}

/**
 * A row of what one action needs, a choice and/or a text, and the button that sends it; the button
 * waits until each is filled (and `ready`, for what the panel's shared reason supplies).
 */
function SendRow({
  pick,
  text,
  button,
  onSend,
  color,
  ready = true,
}: {
  pick?: { label: string; data: Array<{ value: string; label: string }>; width?: number };
  text?: { label: string; width?: number };
  button: string;
  onSend: (picked: string, text: string) => void;
  color?: string;
  ready?: boolean;
}) {
  const [picked, setPicked] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const filled = (!pick || picked !== null) && (!text || typed.trim() !== '') && ready;
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      {pick && (
        <Select
          label={pick.label}
          data={pick.data}
          value={picked}
          onChange={setPicked}
          searchable
          w={{ base: '100%', sm: pick.width ?? 240 }}
        />
      )}
      {text && (
        <TextInput
          label={text.label}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          w={{ base: '100%', sm: text.width ?? 320 }}
        />
      )}
      <Button
        size="xs"
        variant={color ? 'filled' : 'default'}
        color={color}
        disabled={!filled}
        onClick={() => onSend(picked ?? '', typed)}
      >
        {button}
      </Button>
    </Group>
  );
}

/** The step after the current one in the workflow the dossier follows. */
function nextStepKey(dossier: DossierView): string | null {
  const steps = dossier.process?.steps ?? [];
  const i = steps.findIndex((s) => s.key === dossier.step);
  return steps[i + 1]?.key ?? steps[0]?.key ?? null;
}

/** The step before the current one: where a leader sends back what he does not sign. */
function previousStepKey(dossier: DossierView): string | null {
  const steps = dossier.process?.steps ?? [];
  const i = steps.findIndex((s) => s.key === dossier.step);
  return i > 0 ? (steps[i - 1]?.key ?? null) : null;
}

/**
 * "Bước hiện tại: … — Lãnh đạo cơ quan", and to someone who does not hold the step, who does:
 * the server decides with the same rule (the step's role, in its unit, or a leader standing in).
 */
function CurrentStepLine({ step }: { step: NonNullable<DossierView['currentStep']> }) {
  const { t } = useTranslation();
  const role = t(`stepActions.roles.${step.role}`, { defaultValue: step.role });
  const who = step.unitName ? t('stepActions.inUnit', { role, unit: step.unitName }) : role;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t('stepActions.current', { step: step.name, who })}
      </Text>
      {!step.mine && (
        <Text size="sm" c="dimmed">
          {t('stepActions.notYours', { who })}
        </Text>
      )}
    </Stack>
  );
}

/**
 * The actions an officer may take now: the server lists them (legal rule and role both allow it),
 * applies the rule again on the click and says in Vietnamese why it refuses.
 */
export function ActionPanel({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const act = useDossierAction(dossier.code);
  const can = (kind: Kind) => dossier.allowedActions.includes(kind);
  const [items, setItems] = useState('');
  const [reason, setReason] = useState('');
  const [newDue, setNewDue] = useState('');
  // Until the officer picks one, the step after the current one (recomputed after each action).
  const [picked, setPicked] = useState<string | null>(null);
  const step = picked ?? nextStepKey(dossier);
  const [assignee, setAssignee] = useState<Assignee>({ unitId: null, accountId: null });
  const [answer, setAnswer] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const [method, setMethod] = useState<'counter' | 'post' | 'online'>('counter');

  const processing =
    dossier.currentAgencyId ?? dossier.competentAgencyId ?? dossier.receivingAgencyId;
  const units = useAgencyUnits(processing, can('consult'));
  const agencies = useAgencies(can('transfer'));
  const unitName = (id: string) => units.data?.items.find((u) => u.id === id)?.name ?? id;
  const run = (action: DossierActionRequest) =>
    act.mutate(action, { onSuccess: () => setPicked(null) });
  const lines = items
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));

  const outcome = (
    <>
      {act.isError && <ErrorAlert error={act.error} />}
      {act.isSuccess && (
        <Alert color="green" role="status">
          {t('officerDesk.done')}
        </Alert>
      )}
    </>
  );

  const stepLine = dossier.currentStep && <CurrentStepLine step={dossier.currentStep} />;
  const signing = dossier.currentStep?.kind === 'sign';
  const back = signing ? previousStepKey(dossier) : null;

  if (dossier.allowedActions.length === 0) {
    return (
      <Card withBorder component="section" aria-labelledby="actions-heading">
        <Stack gap="sm">
          <Title order={2} size="h4" id="actions-heading">
            {t('officerDesk.actions')}
          </Title>
          {stepLine}
          {outcome}
          <Text size="sm" c="dimmed">
            {t('officerDesk.nothingToDo')}
          </Text>
        </Stack>
      </Card>
    );
  }

  return (
    <Card withBorder component="section" aria-labelledby="actions-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="actions-heading">
          {t('officerDesk.actions')}
        </Title>
        {stepLine}
        {outcome}
        {signing && (can('complete') || (can('forward') && back)) && (
          <Section title={t('stepActions.signTitle')}>
            {can('complete') && (
              <SendRow
                text={{ label: t('officerDesk.resultCode'), width: 240 }}
                button={t('stepActions.sign')}
                color="teal"
                onSend={(_, resultCode) => run({ kind: 'complete', resultCode })}
              />
            )}
            {can('forward') && back && (
              <Group gap="xs" align="center" wrap="wrap">
                <Button
                  size="xs"
                  variant="light"
                  color="orange"
                  disabled={reason.trim() === ''}
                  onClick={() => run({ kind: 'forward', step: back, reason })}
                >
                  {t('stepActions.sendBack')}
                </Button>
                <Text size="xs" c="dimmed">
                  {t('stepActions.sendBackHint')}
                </Text>
              </Group>
            )}
          </Section>
        )}
        <Group gap="xs" wrap="wrap">
          {can('receive') && (
            <Button size="xs" onClick={() => run({ kind: 'receive' })} loading={act.isPending}>
              {t('officerDesk.receive')}
            </Button>
          )}
          {can('supplement') && (
            <Button size="xs" variant="default" onClick={() => run({ kind: 'supplement' })}>
              {t('officerDesk.supplemented')}
            </Button>
          )}
        </Group>

        {can('forward') && (
          <Section title={t('officerDesk.forwardTitle')}>
            {dossier.process ? (
              <Group gap="xs" align="flex-end" wrap="wrap">
                <Select
                  label={t('officerDesk.nextStep')}
                  data={dossier.process.steps.map((s) => ({
                    value: s.key,
                    label: `${s.name} (${s.hours} ${t('officerDesk.hours')})`,
                  }))}
                  value={step}
                  onChange={setPicked}
                  allowDeselect={false}
                  w={{ base: '100%', sm: 360 }}
                />
                <Button
                  size="xs"
                  variant="default"
                  disabled={!step}
                  onClick={() =>
                    step && run({ kind: 'forward', step, ...(reason.trim() ? { reason } : {}) })
                  }
                >
                  {t('officerDesk.forward')}
                </Button>
              </Group>
            ) : (
              <Group>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => run({ kind: 'forward', step: 'appraise' })}
                >
                  {t('officerDesk.forwardAppraise')}
                </Button>
              </Group>
            )}
          </Section>
        )}

        {can('assign') && (
          <Section title={t('officerDesk.assignTitle')}>
            <Group gap="xs" align="flex-end" wrap="wrap">
              <AssigneePicker agencyId={processing} value={assignee} onChange={setAssignee} />
              <Button
                size="xs"
                variant="default"
                disabled={!assignee.unitId && !assignee.accountId}
                onClick={() => run({ kind: 'assign', ...assigneeFields(assignee) })}
              >
                {t('officerDesk.assign')}
              </Button>
            </Group>
          </Section>
        )}

        {(can('consult') || dossier.openConsultations.length > 0) && (
          <Section title={t('officerDesk.consultTitle')}>
            {dossier.openConsultations.map((c) => (
              <Text size="sm" key={c.unitId}>
                {t('officerDesk.consultOpen', { unit: unitName(c.unitId), at: when(c.askedAt) })}
              </Text>
            ))}
            {can('consult') && (
              <SendRow
                pick={{ label: t('officerDesk.consultUnit'), data: unitOptions }}
                text={{ label: t('officerDesk.question') }}
                button={t('officerDesk.consult')}
                onSend={(unitId, question) => run({ kind: 'consult', unitId, question })}
              />
            )}
            {dossier.openConsultations.length > 0 && (
              <Group gap="xs" align="flex-end" wrap="wrap">
                <TextInput
                  label={t('officerDesk.answer')}
                  value={answer}
                  onChange={(e) => setAnswer(e.currentTarget.value)}
                  w={{ base: '100%', sm: 320 }}
                />
                {dossier.openConsultations.map((c) => (
                  <Button
                    key={c.unitId}
                    size="xs"
                    variant="default"
                    disabled={answer.trim() === ''}
                    onClick={() => run({ kind: 'consult_reply', unitId: c.unitId, answer })}
                  >
                    {t('officerDesk.reply', { unit: unitName(c.unitId) })}
                  </Button>
                ))}
              </Group>
            )}
          </Section>
        )}

        {(can('transfer') || dossier.currentAgencyId) && (
          <Section title={t('officerDesk.transferTitle')}>
            {dossier.currentAgencyId ? (
              <SendRow
                text={{ label: t('officerDesk.transferResult'), width: 360 }}
                button={t('officerDesk.transferBack')}
                onSend={(_, summary) => run({ kind: 'transfer_back', summary })}
              />
            ) : (
              <SendRow
                pick={{
                  label: t('officerDesk.transferAgency'),
                  data: (agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name })),
                  width: 360,
                }}
                button={t('officerDesk.transfer')}
                ready={reason.trim() !== ''}
                onSend={(agencyId) => run({ kind: 'transfer', agencyId, reason })}
              />
            )}
            <Text size="xs" c="dimmed">
              {t('officerDesk.transferHint')}
            </Text>
          </Section>
        )}

        <TextInput
          label={t('officerDesk.reason')}
          description={t('officerDesk.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />

        {can('request_supplement') && (
          <Section title={t('officerDesk.requestSupplement')}>
            <Textarea
              label={t('officerDesk.supplementItems')}
              description={t('officerDesk.supplementHint')}
              value={items}
              onChange={(e) => setItems(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Group>
              <Button
                size="xs"
                color="orange"
                disabled={lines.length === 0 || reason.trim() === ''}
                onClick={() => run({ kind: 'request_supplement', items: lines, reason })}
              >
                {t('officerDesk.requestSupplement')}
              </Button>
            </Group>
          </Section>
        )}

        {/* Asking for a fee here; taking it (cash, card, QR) is the payments panel's counter
            form, which issues our receipt and records the payment on the dossier. */}
        {can('request_payment') && (
          <Section title={t('officerDesk.paymentTitle')}>
            <Group gap="xs" align="flex-end" wrap="wrap">
              <MoneyInput
                label={t('officerDesk.amount')}
                value={amount}
                onChange={setAmount}
                w={{ base: '100%', sm: 180 }}
              />
              <Button
                size="xs"
                variant="default"
                disabled={typeof amount !== 'number' || amount <= 0}
                onClick={() => run({ kind: 'request_payment', amountVnd: Number(amount) })}
              >
                {t('officerDesk.requestPayment')}
              </Button>
            </Group>
          </Section>
        )}

        {can('extend') && (
          <Section title={t('officerDesk.extend')}>
            <Group gap="xs" align="flex-end" wrap="wrap">
              <TextInput
                type="datetime-local"
                label={t('officerDesk.newDue')}
                value={newDue}
                onChange={(e) => setNewDue(e.currentTarget.value)}
              />
              <Button
                size="xs"
                variant="light"
                disabled={newDue === '' || reason.trim() === ''}
                onClick={() =>
                  // The form's local time is Vietnam's (UTC+7 all year).
                  run({ kind: 'extend', newDue: `${newDue}:00+07:00`, reason })
                }
              >
                {t('officerDesk.extend')}
              </Button>
            </Group>
          </Section>
        )}

        {can('complete') && !signing && (
          <Section title={t('officerDesk.complete')}>
            <SendRow
              text={{ label: t('officerDesk.resultCode'), width: 240 }}
              button={t('officerDesk.complete')}
              color="teal"
              onSend={(_, resultCode) => run({ kind: 'complete', resultCode })}
            />
          </Section>
        )}

        {can('return_result') && (
          <Section title={t('officerDesk.returnTitle')}>
            <Group gap="xs" align="flex-end" wrap="wrap">
              <Select
                label={t('officerDesk.returnMethod')}
                data={(['counter', 'post', 'online'] as const).map((m) => ({
                  value: m,
                  label: t(`officerDesk.methods.${m}`),
                }))}
                value={method}
                onChange={(v) => setMethod((v as typeof method | null) ?? 'counter')}
                allowDeselect={false}
                w={{ base: '100%', sm: 240 }}
              />
              <Button size="xs" onClick={() => run({ kind: 'return_result', method })}>
                {method === 'counter'
                  ? t('officerDesk.returnResult')
                  : t('officerDesk.returnResultOther')}
              </Button>
            </Group>
          </Section>
        )}

        {ENDINGS.some((e) => can(e.kind)) && (
          <Section title={t('officerDesk.endTitle')}>
            <Group gap="xs" wrap="wrap">
              {ENDINGS.filter((e) => can(e.kind)).map((e) => (
                <Button
                  key={e.kind}
                  size="xs"
                  color={e.color}
                  variant="light"
                  disabled={reason.trim() === ''}
                  onClick={() => run({ kind: e.kind, reason })}
                >
                  {t(`officerDesk.${e.kind}`)}
                </Button>
              ))}
            </Group>
          </Section>
        )}
      </Stack>
    </Card>
  );
}

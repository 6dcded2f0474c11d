import type { DossierView } from '@motcua/contracts';
import { Text, Timeline } from '@mantine/core';

/** An instant as Vietnamese local time (the legal clock is Vietnam's), "—" when there is none. */
export function when(iso: string | null): string {
  return iso === null
    ? '—'
    : new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
}

/** The dossier's steps from its action log, newest last, as officers and applicants see them. */
export function DossierTimeline({ timeline }: { timeline: DossierView['timeline'] }) {
  return (
    <Timeline bulletSize={14} lineWidth={2} active={timeline.length - 1}>
      {timeline.map((e) => (
        <Timeline.Item key={e.seq} title={e.label}>
          <Text size="xs" c="dimmed">
            {when(e.at)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

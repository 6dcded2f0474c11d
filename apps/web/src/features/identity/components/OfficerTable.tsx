import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import {
  OfficerRole,
  Scope,
  type Officer,
  type OfficerRole as OfficerRoleT,
  type Scope as ScopeT,
} from '@motcua/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../lib/ui/ErrorAlert';
import { ResponsiveTable } from '../../../lib/ui/ResponsiveTable';
import {
  useAgencyOptions,
  useGrantRole,
  useOfficers,
  useResetPassword,
  useRevokeRole,
  useSession,
  useSetActive,
  useUnits,
} from '../api';

const ADMIN_ROLES = new Set(['agency_admin', 'province_admin']);

type Dialog = { kind: 'password' | 'grant'; officer: Officer } | null;

/** The end of every dialog form here: the server's refusal, then cancel and submit. */
function DialogActions(props: {
  error: unknown;
  pending: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {props.error != null && <ErrorAlert error={props.error} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          {t('accountsAdmin.cancel')}
        </Button>
        <Button type="submit" loading={props.pending}>
          {props.submitLabel}
        </Button>
      </Group>
    </>
  );
}

function PasswordDialog({
  officer,
  onClose,
  onCancel,
}: {
  officer: Officer;
  onClose: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  const [password, setPassword] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        reset.mutate({ id: officer.id, newPassword: password }, { onSuccess: onClose });
      }}
    >
      <Stack gap="sm">
        <PasswordInput
          label={t('accountsAdmin.newPassword')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="new-password"
          minLength={10}
          required
          data-autofocus
        />
        <DialogActions
          error={reset.error}
          pending={reset.isPending}
          submitLabel={t('accountsAdmin.save')}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}

function GrantDialog({
  officer,
  onClose,
  onCancel,
}: {
  officer: Officer;
  onClose: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const grant = useGrantRole();
  const agencies = useAgencyOptions(true);
  const units = useUnits(true);
  const home = officer.memberships[0];
  const [role, setRole] = useState<OfficerRoleT>('specialist');
  const [scope, setScope] = useState<ScopeT>('agency');
  const [agencyId, setAgencyId] = useState<string | null>(home?.agencyId ?? null);
  const [unitId, setUnitId] = useState<string | null>(home?.unitId ?? null);
  const unitOptions = (units.data?.items ?? [])
    .filter((u) => !agencyId || u.agencyId === agencyId)
    .map((u) => ({ value: u.id, label: u.name }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        grant.mutate(
          {
            id: officer.id,
            grant: {
              role,
              scope,
              agencyId: scope === 'agency' ? agencyId : null,
              unitId: scope === 'unit' ? unitId : null,
            },
          },
          { onSuccess: onClose },
        );
      }}
    >
      <Stack gap="sm">
        <Select
          label={t('accountsAdmin.role')}
          data={OfficerRole.options.map((r) => ({ value: r, label: t(`identity.role.${r}`) }))}
          value={role}
          onChange={(v) => v && setRole(v as OfficerRoleT)}
          allowDeselect={false}
        />
        <Select
          label={t('accountsAdmin.scope')}
          data={Scope.options.map((s) => ({ value: s, label: t(`identity.scope.${s}`) }))}
          value={scope}
          onChange={(v) => v && setScope(v as ScopeT)}
          allowDeselect={false}
        />
        {(scope === 'agency' || scope === 'unit') && (
          <Select
            label={t('accountsAdmin.agency')}
            data={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
            value={agencyId}
            onChange={(v) => {
              setAgencyId(v);
              setUnitId(null);
            }}
            searchable
            required
          />
        )}
        {scope === 'unit' && (
          <Select
            label={t('accountsAdmin.unit')}
            data={unitOptions}
            value={unitId}
            onChange={setUnitId}
            searchable
            required
          />
        )}
        <DialogActions
          error={grant.error}
          pending={grant.isPending}
          submitLabel={t('accountsAdmin.grant')}
          onCancel={onCancel}
        />
      </Stack>
    </form>
  );
}

/** Officers the signed-in account may see, with their units and scoped roles; administrators act on them. */
export function OfficerTable() {
  const { t } = useTranslation();
  const session = useSession();
  const officers = useOfficers(Boolean(session.data));
  const setActive = useSetActive();
  const revoke = useRevokeRole();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (session.isPending) return <Loader />;
  if (!session.data) return <Alert color="yellow">{t('identity.signInRequired')}</Alert>;
  if (officers.isPending) return <Loader />;
  if (officers.error) return <Alert color="red">{officers.error.message}</Alert>;
  const canManage = session.data.roles.some((r) => ADMIN_ROLES.has(r.role));
  const failure = setActive.error ?? revoke.error;
  const close = () => setDialog(null);
  return (
    <Stack gap="sm">
      {notice && (
        <Alert color="green" role="status" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {failure && (
        <Alert color="red" role="alert">
          {failure.message}
        </Alert>
      )}
      <ResponsiveTable
        label={t('layout.accountsLabel')}
        rows={officers.data.items}
        rowKey={(officer) => officer.id}
        rowAttributes={(officer) => ({
          'data-testid': `officer-${officer.username ?? officer.id}`,
        })}
        tableProps={{ striped: true, highlightOnHover: true }}
        columns={[
          {
            key: 'username',
            header: t('identity.username'),
            primary: true,
            cell: (officer) => officer.username,
          },
          {
            key: 'name',
            header: t('identity.displayName'),
            cell: (officer) => officer.displayName,
          },
          {
            key: 'units',
            header: t('identity.units'),
            cell: (officer) =>
              officer.memberships
                .map((m) => (m.unitName ? `${m.unitName} — ${m.agencyName}` : m.agencyName))
                .join('; '),
          },
          {
            key: 'roles',
            header: t('identity.roles'),
            cell: (officer) => (
              <Group gap={4}>
                {officer.roles.length === 0 && (
                  <Text size="sm" c="red.9">
                    {t('identity.noRole')}
                  </Text>
                )}
                {officer.roles.map((r) => (
                  <Badge
                    key={r.id}
                    variant="light"
                    // Long role names wrap on a phone instead of widening the card.
                    maw="100%"
                    styles={{ label: { whiteSpace: 'normal' } }}
                    h="auto"
                    title={r.unitName ?? r.agencyName ?? ''}
                    rightSection={
                      canManage ? (
                        <ActionIcon
                          size="xs"
                          variant="transparent"
                          aria-label={t('accountsAdmin.revoke', {
                            role: t(`identity.role.${r.role}`),
                          })}
                          onClick={() =>
                            revoke.mutate(r.id, {
                              onSuccess: () => setNotice(t('accountsAdmin.revoked')),
                            })
                          }
                        >
                          ×
                        </ActionIcon>
                      ) : undefined
                    }
                  >
                    {t(`identity.role.${r.role}`)} · {t(`identity.scope.${r.scope}`)}
                  </Badge>
                ))}
              </Group>
            ),
          },
          {
            key: 'status',
            header: t('identity.status'),
            cell: (officer) =>
              !officer.active
                ? t('identity.inactive')
                : officer.lockedUntil
                  ? t('identity.locked')
                  : t('identity.active'),
          },
          canManage && {
            key: 'actions',
            header: t('accountsAdmin.actions'),
            cardLabel: false,
            cell: (officer) => (
              <Group gap={4} wrap="wrap">
                <Button
                  size="compact-xs"
                  // Mantine's light green is 3.8:1, below AA: "activate" is a plain button.
                  variant={officer.active ? 'light' : 'default'}
                  color={officer.active ? 'red' : undefined}
                  onClick={() =>
                    setActive.mutate(
                      { id: officer.id, active: !officer.active },
                      {
                        onSuccess: () =>
                          setNotice(
                            t(
                              officer.active
                                ? 'accountsAdmin.deactivated'
                                : 'accountsAdmin.activated',
                              { username: officer.username },
                            ),
                          ),
                      },
                    )
                  }
                >
                  {officer.active ? t('accountsAdmin.deactivate') : t('accountsAdmin.activate')}
                </Button>
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => setDialog({ kind: 'password', officer })}
                >
                  {t('accountsAdmin.resetPassword')}
                </Button>
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => setDialog({ kind: 'grant', officer })}
                >
                  {t('accountsAdmin.grantRole')}
                </Button>
              </Group>
            ),
          },
        ]}
      />
      <Modal
        opened={dialog !== null}
        onClose={close}
        title={
          dialog
            ? t(
                dialog.kind === 'password'
                  ? 'accountsAdmin.resetPasswordTitle'
                  : 'accountsAdmin.grantRoleTitle',
                { username: dialog.officer.username },
              )
            : ''
        }
      >
        {dialog?.kind === 'password' && (
          <PasswordDialog
            officer={dialog.officer}
            onCancel={close}
            onClose={() => {
              close();
              setNotice(t('accountsAdmin.passwordDone'));
            }}
          />
        )}
        {dialog?.kind === 'grant' && (
          <GrantDialog
            officer={dialog.officer}
            onCancel={close}
            onClose={() => {
              close();
              setNotice(t('accountsAdmin.granted'));
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

import { when } from '../../lib/format.ts';
import type { Command } from '../../lib/types.ts';
import { t, tOr } from '../../messages/index.ts';

function resultText(c: Command): string {
  if (!c.result) return t('common.none');
  const parts = [c.result.ok === false ? t('cmd.failed') : t('cmd.done')];
  if (c.result.message) parts.push(c.result.message);
  return parts.join('：');
}

/** The lines a `send-logs` command brought back, folded away until asked for. */
function LogLines({ result }: { result: Command['result'] }) {
  const lines = result?.data?.lines;
  if (!Array.isArray(lines) || lines.length === 0) return null;
  return (
    <details>
      <summary>{t('cmd.logLines', { n: lines.length })}</summary>
      <pre style={{ maxHeight: '24rem', overflow: 'auto', whiteSpace: 'pre-wrap', fontSize: '0.8rem' }}>
        {lines.map(String).join('\n')}
      </pre>
    </details>
  );
}

/** Recent commands with their state and result (a table; cards on a phone). */
export function CommandList({ commands }: { commands: Command[] }) {
  if (commands.length === 0) return <p>{t('kiosk.noCommands')}</p>;
  return (
    <table class="cards">
      <thead>
        <tr>
          <th scope="col">{t('cmd.kind')}</th>
          <th scope="col">{t('cmd.state')}</th>
          <th scope="col">{t('cmd.createdAt')}</th>
          <th scope="col">{t('cmd.result')}</th>
        </tr>
      </thead>
      <tbody>
        {commands.map((c) => (
          <tr key={c.id} data-command-id={c.id} data-command-state={c.state}>
            <td data-label={t('cmd.kind')}>{tOr(`cmdKind.${c.kind}`, c.kind)}</td>
            <td data-label={t('cmd.state')}>{tOr(`cmd.${c.state}`, c.state)}</td>
            <td data-label={t('cmd.createdAt')}>{when(c.createdAt)}</td>
            <td data-label={t('cmd.result')}>
              {resultText(c)}
              <LogLines result={c.result} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { performanceText, type PromptsOverview, type PromptsStore } from '../../stores/promptsStore';

/** Every version with its performance; any other version can be made current again (rollback). */
export function VersionsTable({ overview, store, decidedBy }: { overview: PromptsOverview; store: PromptsStore; decidedBy: string | null }) {
  const rollback = (version: string) => {
    if (decidedBy !== null) void store.getState().rollback(version, decidedBy, `rolled back from the Prompts page`);
  };
  return (
    <table className="versions-table" aria-label="Prompt versions">
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Made by</th>
          <th scope="col">Performance</th>
          <th scope="col">Prompt</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {overview.versions.map((v) => (
          <tr key={v.version} aria-current={v.current ? 'true' : undefined}>
            <th scope="row">
              {v.version}
              {v.current && <span className="badge"> current</span>}
            </th>
            <td>
              {v.created_by}
              {v.parent_version ? ` (from ${v.parent_version})` : ''}
            </td>
            <td>{performanceText(v)}</td>
            <td className="prompt-text">{v.prompt}</td>
            <td>
              {!v.current && (
                <button type="button" disabled={decidedBy === null} onClick={() => rollback(v.version)}>
                  Make {v.version} current
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

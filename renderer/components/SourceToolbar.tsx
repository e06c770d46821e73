import { useRef, useState } from 'react';
import { stores, useSession, useTrain } from '../app';
import { ACCEPT_ATTRIBUTE } from '../files';
import { submitFile } from '../intake';
import { AlertLine } from './Small';

/** Where a new pair starts: an uploaded render or one of the bundled samples. */
export function SourceToolbar() {
  const fileInput = useRef<HTMLInputElement>(null);
  const samples = useSession((s) => s.samples);
  const creating = useTrain((s) => s.creating);
  const uploadError = useTrain((s) => s.uploadError);
  const [sampleId, setSampleId] = useState('');
  const chosenSample = sampleId || samples[0]?.id || '';

  const onFile = (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again must fire change again
    if (file) void submitFile(file, stores);
  };

  return (
    <div className="toolbar" aria-label="New pair" role="group">
      <button type="button" onClick={() => fileInput.current?.click()} disabled={creating}>
        Upload render
      </button>
      <input
        ref={fileInput}
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        aria-label="Render file"
        className="visually-hidden"
        tabIndex={-1}
        onChange={onFile}
      />
      <span className="muted hint">or drop / paste an image</span>
      {samples.length > 0 && (
        <>
          <select
            aria-label="Sample render"
            value={chosenSample}
            onChange={(event) => {
              setSampleId(event.target.value);
              event.target.blur();
            }}
          >
            {samples.map((sample) => (
              <option key={sample.id} value={sample.id}>
                {sample.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={creating || chosenSample === ''}
            onClick={() => void stores.train.getState().createFromSample(chosenSample)}
          >
            Enhance sample
          </button>
        </>
      )}
      {/* Under the button that caused it, over the images' top edge until the next upload, rating or Esc. */}
      <div className="upload-error">
        <AlertLine error={uploadError} />
      </div>
    </div>
  );
}

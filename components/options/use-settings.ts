import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/shared/settings/settings';
import { loadSettings, onSettingsChanged, saveSettings } from '../../lib/shared/settings/store';

/** The reader's settings, live: changes made elsewhere (the popup) show up here at once. */
export function useSettings(): [Settings, (patch: Partial<Settings>) => Promise<void>, boolean] {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    void loadSettings().then((s) => {
      setSettings(s);
      setLoaded(true);
    });
    return onSettingsChanged(setSettings);
  }, []);
  const update = async (patch: Partial<Settings>) => {
    setSettings(await saveSettings(patch));
  };
  return [settings, update, loaded];
}

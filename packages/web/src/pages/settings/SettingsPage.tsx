import { useSearchParams } from 'wouter';
import { CredentialsTab } from './CredentialsTab.tsx';
import { SchedulesTab } from './SchedulesTab.tsx';
import { Tabs, type TabItem } from './Tabs.tsx';
import { TokensTab } from './TokensTab.tsx';
import { WebhooksTab } from './WebhooksTab.tsx';
import './settings.css';

type TabKey = 'credentials' | 'tokens' | 'schedules' | 'webhooks';
const TABS: Array<TabItem<TabKey>> = [
  { key: 'credentials', label: 'Credentials' },
  { key: 'tokens', label: 'API tokens' },
  { key: 'schedules', label: 'Schedules' },
  { key: 'webhooks', label: 'Webhooks' },
];

/** Credentials, API tokens, schedules and webhooks; the tab is in the URL (`?tab=`). */
export function SettingsPage() {
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab = TABS.find((t) => t.key === asked)?.key ?? 'credentials';
  return (
    <div className="page settings-page">
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      <Tabs label="Settings" tabs={TABS} selected={tab} onSelect={(key) => setParams({ tab: key }, { replace: true })} />
      <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'credentials' && <CredentialsTab />}
        {tab === 'tokens' && <TokensTab />}
        {tab === 'schedules' && <SchedulesTab />}
        {tab === 'webhooks' && <WebhooksTab />}
      </div>
    </div>
  );
}

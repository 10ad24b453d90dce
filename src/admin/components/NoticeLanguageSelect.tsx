/** A choice of the languages notices are written in, each named in its own language. */
import { Select } from '@fluentui/react-components';
import type { VerdictLocale } from '../../contracts/verdict';
import { PORTAL_CATALOGS, PORTAL_LOCALES } from '../../i18n/portal';

export interface NoticeLanguageSelectProps {
  value: VerdictLocale;
  onChange(value: VerdictLocale): void;
  disabled?: boolean;
  testId?: string;
}

export function NoticeLanguageSelect({ value, onChange, disabled, testId }: NoticeLanguageSelectProps) {
  return (
    <Select value={value} disabled={disabled} onChange={(_e, data) => onChange(data.value as VerdictLocale)} data-testid={testId}>
      {PORTAL_LOCALES.map((l) => (
        <option key={l} value={l} lang={l}>
          {PORTAL_CATALOGS[l].languageName}
        </option>
      ))}
    </Select>
  );
}

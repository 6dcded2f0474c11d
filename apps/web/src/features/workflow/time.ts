/** Date and time in Vietnam time, whatever the browser's own zone. */
export function formatVnTime(iso: string | null, language: string): string {
  if (iso === null) return '—';
  return new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

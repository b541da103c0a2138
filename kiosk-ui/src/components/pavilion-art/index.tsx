import { memo } from '../../lib/memo.ts';

/** The Tingzi mark: a pavilion (亭) with upturned eaves. Decorative; the brand name is always written beside it. */
export const PavilionArt = memo(function PavilionArt({ class: className }: { class?: string }) {
  return (
    <svg class={className} viewBox="0 0 240 200" aria-hidden="true" focusable="false">
      <circle cx="120" cy="22" r="8" fill="currentColor" />
      <rect x="116" y="28" width="8" height="10" fill="currentColor" />
      <path
        d="M14 80 C58 80 94 60 110 36 L130 36 C146 60 182 80 226 80 C220 90 210 94 198 94 L42 94 C30 94 20 90 14 80 Z"
        fill="currentColor"
      />
      <rect x="46" y="94" width="148" height="10" rx="2" fill="currentColor" />
      <rect x="60" y="104" width="12" height="66" fill="currentColor" />
      <rect x="168" y="104" width="12" height="66" fill="currentColor" />
      <rect x="72" y="140" width="96" height="7" fill="currentColor" />
      <rect x="34" y="170" width="172" height="12" rx="3" fill="currentColor" />
      <rect x="54" y="182" width="132" height="10" rx="3" fill="currentColor" />
    </svg>
  );
});

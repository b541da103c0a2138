/** A hand touching a screen: the guide's tile. */
export function GuideIcon() {
  return (
    <svg viewBox="0 0 48 48" aria-hidden="true">
      <rect x="8" y="4" width="24" height="34" rx="3" fill="none" stroke="currentColor" stroke-width="3" />
      <path
        d="M26 44v-6l-6-7a2.5 2.5 0 0 1 3.8-3.2L27 31V18a2.5 2.5 0 0 1 5 0v8l7 1.6a3 3 0 0 1 2.3 3.3L40 44"
        fill="var(--surface)"
        stroke="currentColor"
        stroke-width="3"
        stroke-linejoin="round"
      />
    </svg>
  );
}

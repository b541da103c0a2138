/**
 * A pictogram for each kind of fee, for residents who read little: a drop
 * for water, a bolt for electricity, a flame for gas… Decorative: the tile's
 * words name the kind. Strokes in currentColor, so high contrast applies.
 */
import type { ComponentChildren } from 'preact';
import type { FeeKind } from '../../../../hub-server/modules/billing/billing.contract.ts';

function Glyph({ children }: { children: ComponentChildren }) {
  return (
    <svg
      viewBox="0 0 48 48"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      stroke-width="3"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      {children}
    </svg>
  );
}

const paths: Record<FeeKind, ComponentChildren> = {
  water: <path d="M24 5C17 15 11 22 11 29a13 13 0 0 0 26 0c0-7-6-14-13-24z" />,
  electricity: <path d="M27 4 12 27h11l-3 17 16-24H25z" />,
  gas: (
    <>
      <path d="M24 44c-8 0-13-6-13-13 0-9 8-13 9-22 6 4 9 9 9 14 2-2 3-4 3-7 4 4 5 9 5 15 0 7-5 13-13 13z" />
      <path d="M24 44c-3 0-5-2-5-5 0-4 5-7 5-10 2 3 5 6 5 10 0 3-2 5-5 5z" />
    </>
  ),
  heating: (
    <>
      <rect x="7" y="14" width="34" height="24" rx="3" />
      <path d="M15 14v24M24 14v24M33 14v24M12 42h4M32 42h4M17 4c-2 3 2 4 0 7M27 4c-2 3 2 4 0 7" />
    </>
  ),
  property: (
    <>
      <path d="M6 22 24 7l18 15" />
      <path d="M11 19v23h26V19" />
      <path d="M20 42V30h8v12" />
    </>
  ),
  landline: (
    <>
      <path d="M8 18c0-6 32-6 32 0v3h-8v-4H16v4H8z" />
      <path d="M13 24h22l4 16H9z" />
      <circle cx="24" cy="32" r="4" />
    </>
  ),
  mobile: (
    <>
      <rect x="14" y="4" width="20" height="40" rx="3" />
      <path d="M21 38h6" />
    </>
  ),
  broadband: (
    <>
      <path d="M6 19a26 26 0 0 1 36 0M12 26a17 17 0 0 1 24 0M18 33a8 8 0 0 1 12 0" />
      <circle cx="24" cy="39" r="2.5" fill="currentColor" />
    </>
  ),
  'cable-tv': (
    <>
      <rect x="5" y="13" width="38" height="25" rx="3" />
      <path d="M17 4l7 9 7-9M16 44h16" />
    </>
  ),
  sanitation: (
    <>
      <path d="M9 13h30M19 13V8h10v5M12 13l3 30h18l3-30" />
      <path d="M20 20v16M28 20v16" />
    </>
  ),
  parking: (
    <>
      <rect x="6" y="6" width="36" height="36" rx="5" />
      <path d="M18 36V13h8a7 7 0 0 1 0 14h-8" />
    </>
  ),
  'social-insurance': (
    <>
      <path d="M24 4 8 10v12c0 11 7 18 16 22 9-4 16-11 16-22V10z" />
      <path d="M24 16v14M17 23h14" />
    </>
  ),
  'traffic-fine': (
    <>
      <rect x="15" y="4" width="18" height="40" rx="5" />
      <circle cx="24" cy="13" r="3.5" />
      <circle cx="24" cy="24" r="3.5" />
      <circle cx="24" cy="35" r="3.5" />
    </>
  ),
};

/** The pictogram of a kind of fee. */
export function KindIcon({ kind }: { kind: FeeKind }) {
  return <Glyph>{paths[kind]}</Glyph>;
}

/** A bill with a yuan sign: the flow's tile on the home screen. */
export function BillPaymentIcon() {
  return (
    <Glyph>
      <path d="M10 4h22l6 6v34l-4-3-4 3-4-3-4 3-4-3-4 3-4-3z" />
      <path d="M18 14l6 8 6-8M24 22v12M18 24h12M18 30h12" />
    </Glyph>
  );
}

/** The three ways to pay, drawn the same way. */
export function MethodIcon({ method }: { method: 'qr' | 'payment-code' | 'card' }) {
  if (method === 'card')
    return (
      <Glyph>
        <rect x="4" y="11" width="40" height="26" rx="3" />
        <path d="M4 19h40M10 30h10" />
      </Glyph>
    );
  if (method === 'payment-code')
    return (
      <Glyph>
        <rect x="12" y="4" width="20" height="40" rx="3" />
        <path d="M17 14v12M20 14v12M24 14v12M28 14v12M18 38h8" />
      </Glyph>
    );
  return (
    <Glyph>
      <rect x="6" y="6" width="14" height="14" rx="1" />
      <rect x="28" y="6" width="14" height="14" rx="1" />
      <rect x="6" y="28" width="14" height="14" rx="1" />
      <path d="M28 28h6v6M42 28v14h-8M28 38v4" />
    </Glyph>
  );
}

// The same compiler settings with no import: what any file costs (the DOM and ES libraries).
export const nothing = 0

// The unit-type names live with the units (analytics/units/unit-types.ts); re-exported for the service's queries.
export { UNIT_TYPE_NAMES, unitTypeName } from '../../analytics/units/unit-types.js';

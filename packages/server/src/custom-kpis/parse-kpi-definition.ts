import { isOneOf } from '@lumay/conventions';
import { PlaneError } from '../errors/plane-error.js';
import {
  FILTER_OPS,
  KPI_AGGREGATES,
  KPI_SOURCES,
  KPI_UNITS,
  type CustomKpiDefinition,
  type FilterOp,
  type FilterValue,
  type KpiFilter,
  type KpiMeasure,
  type KpiSource,
} from './kpi-definition.js';
import { ATTRIBUTE_FIELD, KPI_FIELDS, fieldOf, type FieldType } from './kpi-fields.js';

const ID = /^[a-z][a-z0-9_]{0,62}$/;
const MAX_FILTERS = 20;
const MAX_IN_VALUES = 100;
const MAX_TEXT = 500;
type Json = Record<string, unknown>;

function fail(path: string, message: string): never {
  throw PlaneError.badRequest(`${path}: ${message}`);
}

function objectAt(value: unknown, path: string, known: readonly string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'expected an object');
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) fail(`${path}.${key}`, `unknown field; known: ${known.join(', ')}`);
  }
  return value as Json;
}

function textAt(value: unknown, path: string, max: number, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value.length > max) fail(path, `must be a string of at most ${max} characters`);
  return value;
}

const OPS_BY_TYPE: Record<FieldType, readonly FilterOp[]> = {
  number: FILTER_OPS,
  text: ['eq', 'ne', 'in'],
  boolean: ['eq', 'ne'],
};

function valueOf(value: unknown, type: FieldType, path: string): FilterValue {
  const ok =
    (type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
    (type === 'boolean' && typeof value === 'boolean') ||
    (type === 'text' && typeof value === 'string' && value.length <= MAX_TEXT);
  if (!ok) fail(path, type === 'text' ? `must be a string of at most ${MAX_TEXT} characters` : `must be a ${type}`);
  return value;
}

function parseFilter(raw: unknown, source: KpiSource, path: string): KpiFilter {
  const f = objectAt(raw, path, ['field', 'op', 'value']);
  const field = textAt(f.field, `${path}.field`, 200);
  const attribute = source === 'calls' && ATTRIBUTE_FIELD.test(field);
  const spec = attribute ? null : fieldOf(source, field);
  if (!attribute && !spec) {
    const hint = source === 'calls' ? ', or attributes.<key> for a root-span attribute' : '';
    fail(`${path}.field`, `"${field}" is not a field of ${source}; fields: ${Object.keys(KPI_FIELDS[source]).join(', ')}${hint}`);
  }
  // Attributes are compared as text: a number or boolean given is matched in its text form.
  const type: FieldType = spec ? spec.type : 'text';
  if (!isOneOf(OPS_BY_TYPE[type], f.op)) fail(`${path}.op`, `must be one of ${OPS_BY_TYPE[type].join(', ')} for a ${type} field`);
  const coerce = (v: unknown, p: string): FilterValue =>
    attribute && (typeof v === 'number' || typeof v === 'boolean') ? String(v) : valueOf(v, type, p);
  if (f.op === 'in') {
    if (!Array.isArray(f.value) || f.value.length === 0 || f.value.length > MAX_IN_VALUES) {
      fail(`${path}.value`, `"in" takes an array of 1 to ${MAX_IN_VALUES} values`);
    }
    return { field, op: 'in', value: f.value.map((v: unknown, i) => coerce(v, `${path}.value[${i}]`)) };
  }
  return { field, op: f.op, value: coerce(f.value, `${path}.value`) };
}

function parseMeasure(raw: unknown, path: string): KpiMeasure {
  const m = objectAt(raw, path, ['source', 'aggregate', 'field', 'percentile', 'filters']);
  if (!isOneOf(KPI_SOURCES, m.source)) fail(`${path}.source`, `must be one of ${KPI_SOURCES.join(', ')}`);
  if (!isOneOf(KPI_AGGREGATES, m.aggregate)) fail(`${path}.aggregate`, `must be one of ${KPI_AGGREGATES.join(', ')}`);
  const source = m.source;
  const measure: KpiMeasure = { source, aggregate: m.aggregate, filters: [] };
  if (m.aggregate === 'count') {
    if (m.field !== undefined) fail(`${path}.field`, 'a count takes no field');
  } else {
    const field = textAt(m.field, `${path}.field`, 200);
    const spec = fieldOf(source, field);
    if (spec?.type !== 'number') {
      const numeric = Object.entries(KPI_FIELDS[source]).filter(([, s]) => s.type === 'number').map(([n]) => n);
      fail(`${path}.field`, `${m.aggregate} needs a numeric field of ${source}: ${numeric.join(', ')}`);
    }
    measure.field = field;
  }
  if (m.aggregate === 'percentile') {
    if (typeof m.percentile !== 'number' || !(m.percentile > 0 && m.percentile < 1)) fail(`${path}.percentile`, 'must be a number between 0 and 1 (0.9 = p90)');
    measure.percentile = m.percentile;
  } else if (m.percentile !== undefined) {
    fail(`${path}.percentile`, 'only a percentile aggregate takes one');
  }
  if (m.filters !== undefined) {
    if (!Array.isArray(m.filters) || m.filters.length > MAX_FILTERS) fail(`${path}.filters`, `must be an array of at most ${MAX_FILTERS} filters`);
    measure.filters = m.filters.map((f: unknown, i) => parseFilter(f, source, `${path}.filters[${i}]`));
  }
  return measure;
}

/**
 * A tenant KPI definition from untrusted JSON, or a 400 naming the first bad field and what it
 * may be. `id` comes from the URL, not the body.
 */
export function parseKpiDefinition(id: string, raw: unknown): CustomKpiDefinition {
  if (!ID.test(id)) fail('id', 'must be 1–63 characters: a lower-case letter, then lower-case letters, digits or _');
  const d = objectAt(raw, 'definition', ['name', 'description', 'unit', 'measure', 'numerator', 'denominator']);
  const definition: CustomKpiDefinition = {
    id,
    name: textAt(d.name, 'name', 120),
    description: textAt(d.description, 'description', 1000, ''),
    unit: textAt(d.unit, 'unit', 20, 'number'),
  };
  if (definition.name.trim() === '') fail('name', 'must not be empty');
  if (!isOneOf(KPI_UNITS, definition.unit)) fail('unit', `must be one of ${KPI_UNITS.join(', ')}`);
  const ratio = d.numerator !== undefined || d.denominator !== undefined;
  if (ratio === (d.measure !== undefined)) fail('definition', 'give either "measure", or "numerator" and "denominator" (a ratio)');
  if (ratio) {
    if (d.numerator === undefined || d.denominator === undefined) fail('definition', 'a ratio needs both "numerator" and "denominator"');
    definition.numerator = parseMeasure(d.numerator, 'numerator');
    definition.denominator = parseMeasure(d.denominator, 'denominator');
  } else {
    definition.measure = parseMeasure(d.measure, 'measure');
  }
  return definition;
}

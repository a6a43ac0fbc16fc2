// Checks an event against the vendored OCSF class definition: every required attribute present, no
// attribute the class does not define, each value of its OCSF type and, where the class lists values,
// one of them. The tests hold every published event to it.
import definition from './account_change-1.1.0.json';

interface AttributeDefinition {
  type: string;
  requirement: 'required' | 'recommended' | 'optional';
  object_type?: string;
  is_array?: boolean;
  enum?: Record<string, string>;
}

interface ObjectDefinition {
  attributes: Record<string, AttributeDefinition>;
  /** OCSF's `object` type: any attributes (used for `unmapped`). */
  open?: boolean;
}

export const accountChangeDefinition = definition as unknown as {
  source: string;
  version: string;
  name: string;
  uid: number;
  category_uid: number;
  attributes: Record<string, AttributeDefinition>;
  objects: Record<string, ObjectDefinition>;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const typeProblem = (path: string, type: string, value: unknown): string | undefined => {
  switch (type) {
    case 'string_t':
      return typeof value === 'string' ? undefined : `${path}: not a string`;
    case 'integer_t':
    case 'long_t':
      return Number.isSafeInteger(value) ? undefined : `${path}: not an integer`;
    // OCSF timestamp_t: milliseconds since the epoch.
    case 'timestamp_t':
      return Number.isSafeInteger(value) && (value as number) > 0
        ? undefined
        : `${path}: not a timestamp in milliseconds`;
    case 'object_t':
      return isObject(value) ? undefined : `${path}: not an object`;
    default:
      return `${path}: unknown OCSF type ${type}`;
  }
};

const checkObject = (
  path: string,
  value: Record<string, unknown>,
  shape: ObjectDefinition,
  problems: string[],
): void => {
  if (shape.open) return;
  for (const [name, attribute] of Object.entries(shape.attributes))
    if (attribute.requirement === 'required' && value[name] === undefined)
      problems.push(`${path}${name}: required, missing`);
  for (const [name, item] of Object.entries(value)) {
    const attribute = shape.attributes[name];
    if (!attribute) {
      problems.push(`${path}${name}: not an attribute of ${path ? path.slice(0, -1) : definition.name}`);
      continue;
    }
    const items = attribute.is_array ? (Array.isArray(item) ? item : [undefined]) : [item];
    for (const [index, element] of items.entries()) {
      const at = attribute.is_array ? `${path}${name}[${index}]` : `${path}${name}`;
      const typeError = typeProblem(at, attribute.type, element);
      if (typeError) {
        problems.push(typeError);
        continue;
      }
      if (attribute.enum && !(String(element) in attribute.enum))
        problems.push(`${at}: ${String(element)} is not one of the class's values`);
      if (attribute.type === 'object_t') {
        const nested = accountChangeDefinition.objects[attribute.object_type ?? ''];
        if (!nested) problems.push(`${at}: object type ${attribute.object_type ?? '?'} not vendored`);
        else checkObject(`${at}.`, element as Record<string, unknown>, nested, problems);
      }
    }
  }
};

/** The problems of an event against Account Change (OCSF 1.1.0); empty when it validates. */
export const accountChangeProblems = (event: unknown): string[] => {
  if (!isObject(event)) return ['the event is not an object'];
  const problems: string[] = [];
  checkObject('', event, { attributes: accountChangeDefinition.attributes }, problems);
  if (event.class_uid !== accountChangeDefinition.uid) problems.push('class_uid: not Account Change');
  if (event.category_uid !== accountChangeDefinition.category_uid) problems.push('category_uid: not IAM');
  if (event.type_uid !== Number(event.class_uid) * 100 + Number(event.activity_id))
    problems.push('type_uid: not class_uid * 100 + activity_id');
  return problems;
};

/** Shapes the simulator stores and serves. Loose on purpose: LumApps objects carry many fields. */

export type LangMap = Record<string, string>;

/** A template node: row, cell or widget (see lumapps/reference/template_1.json). */
export interface TemplateNode {
  type: "row" | "cell" | "widget" | string;
  uuid?: string;
  widgetType?: string;
  feedKeys?: string[];
  title?: LangMap;
  properties?: Record<string, unknown>;
  cells?: TemplateNode[];
  components?: TemplateNode[];
  [key: string]: unknown;
}

export interface Template {
  components: TemplateNode[];
  [key: string]: unknown;
}

export interface SimContent {
  id: string;
  uid: string;
  type: string;
  customContentType: string;
  instance: string;
  customer: string;
  status: string;
  version: number;
  feedKeys: string[];
  createdAt: string;
  updatedAt: string;
  title: LangMap;
  template: Template;
  [key: string]: unknown;
}

export interface SimInstance {
  id: string;
  uid: string;
  name: string;
  title: LangMap;
  slug: string;
  status: string;
  langs: string[];
  defaultLang: string;
  customer: string;
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

export interface SimMetadata {
  id: string;
  uid: string;
  name: LangMap;
  /** the family's id; a family points at itself */
  familyKey: string;
  /** the parent metadata (the family for a value), null for a family */
  parent: string | null;
  instance: string;
  customer: string;
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

export interface SimContentType {
  id: string;
  uid: string;
  name: LangMap;
  functionalInnerId: string;
  instance: string;
  customer: string;
  [key: string]: unknown;
}

export interface SimGroup {
  id: string;
  name: string;
}

/** Everything the simulator serves. A seed directory holds the same in JSON files. */
export interface Seed {
  customer: string;
  instances: SimInstance[];
  contents: SimContent[];
  metadata: SimMetadata[];
  customContentTypes: SimContentType[];
  groups: SimGroup[];
}

/** A user of the organization the application may (or may not) act as. */
export interface SimUser {
  id: string;
  email: string;
  /** feed (group) ids the user belongs to: decides which content and widgets they see */
  groups: string[];
  /** site/platform administrator: may list without `action`, sees every content */
  admin?: boolean;
  /** false: the application is not allowed to act as this user (token endpoint answers 403) */
  impersonable?: boolean;
}

export interface SimApp {
  applicationId: string;
  secret: string;
}

import type { SimGroup, SimUser } from "./types.ts";

/** The feeds (groups) of the seeds; feed keys are digit strings like real ones. */
export const groups = {
  allStaff: "6100000000000001",
  it: "6100000000000002",
  hr: "6100000000000003",
  board: "6100000000000004",
} as const;

export const seedGroups: SimGroup[] = [
  { id: groups.allStaff, name: "All staff" },
  { id: groups.it, name: "IT department" },
  { id: groups.hr, name: "HR only" },
  { id: groups.board, name: "Board" },
];

/** The default users: the service user (a reader in two groups), an administrator, one the app may not use. */
export const defaultUsers: SimUser[] = [
  {
    id: "5746378759208960",
    email: "lumasnip-crawler@sim.example.com",
    groups: [groups.allStaff, groups.it],
  },
  {
    id: "5746378759208961",
    email: "site-admin@sim.example.com",
    groups: [groups.allStaff, groups.it, groups.hr, groups.board],
    admin: true,
  },
  {
    id: "5746378759208962",
    email: "not-delegated@sim.example.com",
    groups: [groups.allStaff],
    impersonable: false,
  },
];

export const defaultApp = { applicationId: "lumasnip-sim-app", secret: "sim-secret-do-not-use" };
export const defaultOrg = "5649391675244544";

/** The demo seed shipped in the repo: small, yet with every language, RTL and CJK, and every shape. */
export const demoPages = new Set([
  "debian-handbook:sect.why-debian",
  "debian-handbook:sect.apt-cache",
  "debian-handbook:sect.ipv6",
  "debian-handbook:sect.creating-accounts",
  "debian-handbook:sect.quotas",
  "debian-handbook:sect.inetd",
  "debian-handbook:sect.backup",
  "debian-faq:basic-defs",
  "debian-faq:getting-debian",
  "debian-faq:faqinfo",
  "debian-faq:support",
  "developers-reference:scope",
  "developers-reference:l10n",
  "debian-reference:apa",
  "debian-reference:pr01",
]);

/** Every Nth post of a source (evenly over the years), and every Parch post up to a count. */
export const demoPostsPerSource: Record<string, number> = {
  "software-carpentry-blog": 24,
  "parchlinux-blog": 8,
};

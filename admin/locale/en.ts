// English second: AdminJS's own English covers its interface; these are this application's additions.
export const en = {
  components: {
    LanguageSelector: {
      availableLanguages: { nl: "Dutch", en: "English" },
    },
    Login: {
      welcomeHeader: "Welcome",
      welcomeMessage:
        "to the UiTPAS Meetjesland backoffice. Log in with the email address and password of your regional coordinator or local administrator account.",
      properties: { email: "Email address", password: "Password" },
      loginButton: "Log in",
    },
  },
  labels: {
    dashboard: "Home",
  },
  properties: {},
  messages: {
    invalidCredentials: "Wrong email address or password",
    loginThrottled: "Too many failed login attempts. Try again in fifteen minutes.",
    dashboardTitle: "Welcome to the UiTPAS Meetjesland backoffice",
    dashboardIntro:
      "Pick a section on the left: passholders, cards, check-ins, events, granted reduced tariffs, coupons, redeemed advantages, advantages, counters and pillars. Each field has a short explanation.",
    dashboardHelp: "Questions? Mail the regional coordinator: uitpasmeetjesland@comeet.be",
    passwordRequired: "Enter a password of at least 12 characters.",
  },
};

/** The sample document of docs/policy.md § Shape, verbatim (JSON text, as a policy file would hold it). */
export const POLICY_MD_SAMPLE = String.raw`{
  "destinations": [
    { "id": "acme", "name": "Acme LRS", "endpoint": "https://lrs.acme.example/xapi/",
      "username": "<key>", "password": "<secret>", "xapiVersion": "auto" }
  ],
  "allowLearnerDestinations": true,
  "learner": { "name": "Ada Lovelace", "email": "ada@acme.example",
               "accountHomePage": "https://sso.acme.example", "accountName": "ada", "mustIdentify": false },
  "capture": {
    "enabled": true,
    "kinds": ["article", "video", "audio"],
    "articleMinSeconds": 30,
    "mediaMinSeconds": 60,
    "mediaMinPercent": 50,
    "holdMinutes": 5,
    "reviewBeforeSync": false,
    "blockedDomains": ["bank.example"],
    "allowedDomains": [],
    "allowedPrivateHosts": [],
    "keepQueryStrings": false
  },
  "skills": {
    "frameworks": [
      { "id": "acme", "name": "Acme competencies",
        "skills": [ { "id": "https://skills.acme.example/s/negotiation", "name": "Negotiation",
                      "altNames": ["negotiating", "deal making"] } ] }
    ],
    "allowCustom": true,
    "customBaseIri": "https://skills.acme.example/custom/"
  },
  "recommended": { "capture": { "holdMinutes": 10 } }
}`;

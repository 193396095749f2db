/**
 * Real params schemas copied from `GET /api/node-types` (zod 4 → JSON Schema 2020-12), for the form tests.
 */

export const llmParamsSchema: Record<string, unknown> = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "prompt": {
      "type": "string",
      "minLength": 1
    },
    "system": {
      "type": "string"
    },
    "model": {
      "description": "provider:model, e.g. openai:gpt-4o-mini. Overridden by a per-run --model.",
      "type": "string"
    },
    "temperature": {
      "type": "number",
      "minimum": 0,
      "maximum": 2
    },
    "maxTokens": {
      "type": "integer",
      "exclusiveMinimum": 0,
      "maximum": 9007199254740991
    },
    "schema": {
      "description": "JSON Schema the answer must match.",
      "type": "object",
      "propertyNames": {
        "type": "string"
      },
      "additionalProperties": {}
    },
    "schemaRetries": {
      "default": 2,
      "type": "integer",
      "minimum": 0,
      "maximum": 10
    }
  },
  "required": [
    "prompt"
  ]
};

export const httpParamsSchema: Record<string, unknown> = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "method": {
      "default": "GET",
      "type": "string",
      "enum": [
        "GET",
        "POST",
        "PUT",
        "PATCH",
        "DELETE",
        "HEAD",
        "OPTIONS"
      ]
    },
    "url": {
      "type": "string",
      "minLength": 1
    },
    "query": {
      "description": "Query parameters added to the URL (arrays repeat the name).",
      "type": "object",
      "propertyNames": {
        "type": "string"
      },
      "additionalProperties": {
        "anyOf": [
          {
            "type": [
              "string",
              "number",
              "boolean",
              "null"
            ]
          },
          {
            "type": "array",
            "items": {
              "type": [
                "string",
                "number",
                "boolean",
                "null"
              ]
            }
          }
        ]
      }
    },
    "headers": {
      "type": "object",
      "propertyNames": {
        "type": "string"
      },
      "additionalProperties": {
        "type": "string"
      }
    },
    "body": {
      "description": "Request body: any JSON for json, an object for form, a string for raw."
    },
    "bodyType": {
      "default": "json",
      "type": "string",
      "enum": [
        "json",
        "form",
        "raw"
      ]
    },
    "auth": {
      "type": "object",
      "properties": {
        "type": {
          "type": "string",
          "enum": [
            "bearer",
            "basic",
            "header",
            "query"
          ]
        },
        "credential": {
          "type": "string",
          "minLength": 1,
          "description": "Name of a stored credential."
        },
        "name": {
          "description": "Header or query parameter name (header and query types).",
          "type": "string",
          "minLength": 1
        }
      },
      "required": [
        "type",
        "credential"
      ],
      "additionalProperties": false
    },
    "timeoutMs": {
      "type": "integer",
      "exclusiveMinimum": 0,
      "maximum": 300000
    },
    "response": {
      "default": "auto",
      "description": "How to read the body; binary bodies are stored as an artifact and referenced.",
      "type": "string",
      "enum": [
        "auto",
        "json",
        "text",
        "binary"
      ]
    },
    "maxResponseBytes": {
      "type": "integer",
      "exclusiveMinimum": 0,
      "maximum": 9007199254740991
    },
    "ignoreHttpErrors": {
      "default": false,
      "description": "Output 4xx/5xx responses instead of failing.",
      "type": "boolean"
    }
  },
  "required": [
    "url"
  ]
};

export const filterParamsSchema: Record<string, unknown> = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "items": {
      "description": "The items: a JSON array, usually \"{{ steps.<id>.output }}\". Default: the node input.",
      "type": "array",
      "items": {}
    },
    "conditions": {
      "minItems": 1,
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "field": {
            "description": "Field path to test; omit to test the item itself.",
            "type": "string"
          },
          "op": {
            "default": "eq",
            "type": "string",
            "enum": [
              "eq",
              "ne",
              "gt",
              "gte",
              "lt",
              "lte",
              "contains",
              "startsWith",
              "endsWith",
              "in",
              "exists",
              "notExists",
              "matches"
            ]
          },
          "value": {
            "description": "What to compare with (a list for `in`, a regex for `matches`)."
          },
          "ignoreCase": {
            "default": false,
            "description": "Compare strings case-insensitively.",
            "type": "boolean"
          }
        }
      }
    },
    "combine": {
      "default": "all",
      "type": "string",
      "enum": [
        "all",
        "any"
      ]
    },
    "rejected": {
      "default": "drop",
      "type": "string",
      "enum": [
        "drop",
        "port"
      ]
    }
  },
  "required": [
    "conditions"
  ]
};

export const googleSheetsParamsSchema: Record<string, unknown> = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "operation": {
      "type": "string",
      "enum": [
        "read",
        "append",
        "update"
      ]
    },
    "credential": {
      "type": "string",
      "minLength": 1,
      "description": "Name of a stored credential holding the service-account JSON key."
    },
    "spreadsheetId": {
      "type": "string",
      "minLength": 1,
      "description": "The id in the sheet URL: docs.google.com/spreadsheets/d/<id>/edit."
    },
    "sheet": {
      "default": "Sheet1",
      "description": "The tab; its first row holds the column names.",
      "type": "string",
      "minLength": 1
    },
    "range": {
      "description": "read: an A1 range inside the sheet whose first row is the header (default: the whole sheet).",
      "type": "string",
      "pattern": "^[A-Za-z]*\\d*(:[A-Za-z]*\\d*)?$"
    },
    "rows": {
      "description": "append: objects keyed by column name.",
      "type": "array",
      "items": {
        "type": "object",
        "propertyNames": {
          "type": "string"
        },
        "additionalProperties": {}
      }
    },
    "values": {
      "description": "update: the columns to change, by name.",
      "type": "object",
      "propertyNames": {
        "type": "string"
      },
      "additionalProperties": {}
    },
    "rowNumber": {
      "description": "update: the sheet row to change (row 1 is the header).",
      "type": "integer",
      "minimum": 2,
      "maximum": 9007199254740991
    },
    "match": {
      "description": "update: change the first row whose `column` equals `value`, instead of a rowNumber.",
      "type": "object",
      "properties": {
        "column": {
          "type": "string",
          "minLength": 1
        },
        "value": {
          "type": [
            "string",
            "number",
            "boolean"
          ]
        }
      },
      "required": [
        "column",
        "value"
      ],
      "additionalProperties": false
    },
    "valueInputOption": {
      "default": "USER_ENTERED",
      "description": "USER_ENTERED parses values as if typed (formulas, dates); RAW stores them as they are.",
      "type": "string",
      "enum": [
        "USER_ENTERED",
        "RAW"
      ]
    }
  },
  "required": [
    "operation",
    "credential",
    "spreadsheetId"
  ]
};

export const datetimeParamsSchema: Record<string, unknown> = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "oneOf": [
    {
      "type": "object",
      "properties": {
        "operation": {
          "type": "string",
          "const": "now"
        },
        "timeZone": {
          "default": "UTC",
          "description": "IANA time zone for wall-clock fields and calendar arithmetic.",
          "type": "string"
        },
        "format": {
          "description": "Output: \"iso\" (with the zone offset), \"epochMs\", or a pattern like \"yyyy-MM-dd HH:mm\".",
          "type": "string"
        },
        "locale": {
          "default": "en-US",
          "description": "Locale for month and weekday names.",
          "type": "string"
        }
      },
      "required": [
        "operation"
      ]
    },
    {
      "type": "object",
      "properties": {
        "operation": {
          "type": "string",
          "const": "format"
        },
        "value": {
          "description": "ISO 8601 date or epoch ms; default: now.",
          "type": [
            "string",
            "number"
          ]
        },
        "timeZone": {
          "default": "UTC",
          "description": "IANA time zone for wall-clock fields and calendar arithmetic.",
          "type": "string"
        },
        "format": {
          "default": "iso",
          "type": "string"
        },
        "locale": {
          "default": "en-US",
          "description": "Locale for month and weekday names.",
          "type": "string"
        }
      },
      "required": [
        "operation"
      ]
    },
    {
      "type": "object",
      "properties": {
        "operation": {
          "type": "string",
          "const": "parse"
        },
        "value": {
          "type": [
            "string",
            "number"
          ]
        },
        "timeZone": {
          "default": "UTC",
          "description": "IANA time zone for wall-clock fields and calendar arithmetic.",
          "type": "string"
        },
        "format": {
          "description": "Output: \"iso\" (with the zone offset), \"epochMs\", or a pattern like \"yyyy-MM-dd HH:mm\".",
          "type": "string"
        },
        "locale": {
          "default": "en-US",
          "description": "Locale for month and weekday names.",
          "type": "string"
        },
        "pattern": {
          "description": "How `value` is written, e.g. \"dd/MM/yyyy HH:mm\".",
          "type": "string"
        }
      },
      "required": [
        "operation",
        "value"
      ]
    },
    {
      "type": "object",
      "properties": {
        "operation": {
          "type": "string",
          "enum": [
            "add",
            "subtract"
          ]
        },
        "value": {
          "description": "ISO 8601 date or epoch ms; default: now.",
          "type": [
            "string",
            "number"
          ]
        },
        "timeZone": {
          "default": "UTC",
          "description": "IANA time zone for wall-clock fields and calendar arithmetic.",
          "type": "string"
        },
        "format": {
          "description": "Output: \"iso\" (with the zone offset), \"epochMs\", or a pattern like \"yyyy-MM-dd HH:mm\".",
          "type": "string"
        },
        "locale": {
          "default": "en-US",
          "description": "Locale for month and weekday names.",
          "type": "string"
        },
        "amount": {
          "type": "number"
        },
        "unit": {
          "type": "string",
          "enum": [
            "milliseconds",
            "seconds",
            "minutes",
            "hours",
            "days",
            "weeks",
            "months",
            "years"
          ]
        }
      },
      "required": [
        "operation",
        "amount",
        "unit"
      ]
    },
    {
      "type": "object",
      "properties": {
        "operation": {
          "type": "string",
          "const": "diff"
        },
        "value": {
          "description": "ISO 8601 date or epoch ms; default: now.",
          "type": [
            "string",
            "number"
          ]
        },
        "to": {
          "description": "ISO 8601 date or epoch ms; default: now.",
          "type": [
            "string",
            "number"
          ]
        },
        "unit": {
          "default": "milliseconds",
          "type": "string",
          "enum": [
            "milliseconds",
            "seconds",
            "minutes",
            "hours",
            "days",
            "weeks",
            "months",
            "years"
          ]
        },
        "timeZone": {
          "default": "UTC",
          "description": "IANA time zone for wall-clock fields and calendar arithmetic.",
          "type": "string"
        }
      },
      "required": [
        "operation"
      ]
    },
    {
      "type": "object",
      "properties": {
        "operation": {
          "type": "string",
          "enum": [
            "startOf",
            "endOf"
          ]
        },
        "value": {
          "description": "ISO 8601 date or epoch ms; default: now.",
          "type": [
            "string",
            "number"
          ]
        },
        "timeZone": {
          "default": "UTC",
          "description": "IANA time zone for wall-clock fields and calendar arithmetic.",
          "type": "string"
        },
        "format": {
          "description": "Output: \"iso\" (with the zone offset), \"epochMs\", or a pattern like \"yyyy-MM-dd HH:mm\".",
          "type": "string"
        },
        "locale": {
          "default": "en-US",
          "description": "Locale for month and weekday names.",
          "type": "string"
        },
        "unit": {
          "type": "string",
          "enum": [
            "year",
            "month",
            "week",
            "day",
            "hour",
            "minute"
          ]
        },
        "weekStartsOn": {
          "default": 1,
          "description": "0 Sunday … 6 Saturday.",
          "type": "integer",
          "minimum": 0,
          "maximum": 6
        }
      },
      "required": [
        "operation",
        "unit"
      ]
    }
  ]
};

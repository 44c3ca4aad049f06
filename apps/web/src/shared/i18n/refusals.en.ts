import type { refusalsFr } from './refusals.fr';

export const refusalsEn: Record<keyof typeof refusalsFr, string> = {
  'refused.value': 'Value refused by the service.',
  'refused.rule.isNotEmpty': 'This field is required.',
  'refused.rule.isDefined': 'This field is required.',
  'refused.rule.maxLength': 'Enter at most {limit} characters.',
  'refused.rule.minLength': 'Enter at least {limit} characters.',
  'refused.rule.max': 'The value must be at most {limit}.',
  'refused.rule.min': 'The value must be at least {limit}.',
  'refused.rule.arrayMaxSize': 'Choose at most {limit} items.',
  'refused.rule.arrayMinSize': 'Choose at least {limit} item(s).',
  'refused.rule.isInt': 'A whole number is expected.',
  'refused.rule.isNumber': 'A number is expected.',
  'refused.rule.isString': 'Text is expected.',
  'refused.rule.isBoolean': 'Yes or no is expected.',
  'refused.rule.isIn': 'This value is not one of the possible choices.',
  'refused.rule.isEnum': 'This value is not one of the possible choices.',
  'refused.rule.matches': 'This value is not in the expected form.',
  'refused.rule.isEmail': 'An email address is expected.',
  'refused.rule.isUrl': 'A web address is expected.',
  'refused.rule.isDateString': 'A date is expected.',
  'refused.rule.isIso8601': 'A date is expected.',
  'refused.rule.isUuid': 'This identifier is not valid.',
  'refused.rule.whitelistValidation': 'This field is not accepted here.',
  'refused.rule.darkEnoughForWhiteText':
    'This colour is too light: white text on it does not reach a contrast of 4.5:1. Choose a darker colour.',
  'refused.rule.isNotNull': 'This field cannot be empty.',
  'refused.request': 'The service refused this request; nothing was saved.',
  'refused.conflict':
    'This is not possible in the current state; nothing was saved. Reload the page to see that state.',
  'refused.forbidden': 'You are not allowed to do this; nothing was saved.',
};

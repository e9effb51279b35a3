import type { exchangeEn } from './exchange.en.js';

// ភាសាខ្មែរ: the exchanges' main words (#18); anything missing falls back to English. Needs review by a native speaker.
export const exchangeKm: Partial<Record<keyof typeof exchangeEn, string>> = {
  'nav.compliance': 'ផ្នែកអនុលោមភាព',
  'compliance.title': 'សំណើពីស្ថាប័ន',
  'compliance.deadline': 'ផុតកំណត់ឆ្លើយតប',
  'compliance.approve': 'អនុម័ត និងផ្ញើ',
  'compliance.reject': 'បដិសេធ',
  'exchange.title': 'សំណើទៅកាន់ផ្សារប្តូរប្រាក់',
  'exchange.holds': 'ការបង្កកទ្រព្យ',
  'exchange.hits': 'ការរកឃើញដែលផ្សារប្តូរប្រាក់បានរាយការណ៍',
  'exchange.approve': 'អនុម័ត និងផ្ញើ',
  'exchange.reject': 'បដិសេធ',
  'code.FREEZE': 'បង្កក',
  'code.URGENT': 'បន្ទាន់ (8 ម៉ោង)',
  'code.FROZEN': 'បានបង្កក',
  'code.NOT_OUR_CUSTOMER': 'មិនមែនជាអតិថិជនរបស់យើង',
  'code.RELEASED': 'បានដោះលែង',
};

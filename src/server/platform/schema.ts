// Every table of the product, for Drizzle's typed queries and drizzle-kit's migration generator.
export * from './platform.tables.ts';
export * from '../modules/accounts/accounts.tables.ts';
export * from '../modules/directory/directory.tables.ts';
export * from '../modules/plans/plans.tables.ts';
export * from '../modules/classifiers/classifiers.tables.ts';

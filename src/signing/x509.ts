// @peculiar/x509 (through tsyringe) needs the Reflect metadata polyfill loaded first; every
// module of src/signing imports the library through this file so the order is guaranteed.
import 'reflect-metadata';

export * from '@peculiar/x509';

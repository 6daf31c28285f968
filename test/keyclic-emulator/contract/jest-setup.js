'use strict';
// Jest setupFilesAfterEnv of the unit and emulator projects (jest.config.js): every emulator these tests start,
// in process or as a child process, checks its answers against its era's spec (contract/index.js), and a test fails
// when any did not match (also when the answer was given in a beforeAll, or after the last test).
const contract = require('./index');

contract.enable();

afterEach(() => contract.assertNoViolations());
afterAll(() => contract.assertNoViolations());

'use strict';
// The in-process suites (unit, emulator) take seconds, but a loaded 2-core CI machine stretches an emulator start
// or a 20 MB body past jest's 5 s default: a bound that only stops a hung test, never a wait.
jest.setTimeout(60000);

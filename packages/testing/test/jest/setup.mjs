// A jest setup file (`setupFilesAfterEnv`): adds roomlab's matchers to jest's expect.
import { installMatchers } from '@roomlab/testing';

installMatchers(expect);

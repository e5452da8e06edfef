import { describe, expect, it } from 'vitest';
import { combineMeasurements, nothingMeasured, unmeasured } from './measurements.js';
import { readNetworkQualityReport } from './report.js';

/** A report as twilio-video sends it from Chromium (its per-track counters come out as zero there). */
const chromiumReport = {
  type: 'network_quality',
  ice: { availableSend: 352_000, recv: 484_364.1, rtt: 0.018, send: 181_062.9 },
  send: { bitrate: 0 },
  recv: { bitrate: 0 },
  audio: { send: { bitrate: 0 }, recv: { bitrate: 0 } },
  video: { send: { bitrate: 0 }, recv: { bitrate: 0 } },
  reportLevel: 3,
  remoteReportLevel: 2,
};

describe('reading a network quality report', () => {
  it('takes the per-medium measurements, the path round trip and the send bandwidth from ice, and the report levels', () => {
    const read = readNetworkQualityReport(chromiumReport);
    expect(read).toEqual({
      report: {
        measurements: {
          audio: {
            send: { ...unmeasured, bitrate: 0, available: 352_000, rtt: 0.018 },
            recv: { ...unmeasured, bitrate: 0, rtt: 0.018 },
          },
          video: {
            send: { ...unmeasured, bitrate: 0, available: 352_000, rtt: 0.018 },
            recv: { ...unmeasured, bitrate: 0, rtt: 0.018 },
          },
        },
        reportLevel: 3,
        remoteReportLevel: 2,
      },
    });
  });

  it('reads receive loss and jitter, caps the SDK’s lost-per-received stand-in at 1, and takes null as unknown', () => {
    const read = readNetworkQualityReport({
      ...chromiumReport,
      audio: {
        send: { bitrate: 30_000, rtt: 0.05 },
        recv: { bitrate: null, fractionLost: 2.5, jitter: 0.01 },
      },
    });
    expect('report' in read && read.report.measurements.audio).toEqual({
      send: { bitrate: 30_000, available: 352_000, rtt: 0.05, jitter: null, fractionLost: null },
      recv: { bitrate: null, available: null, rtt: 0.018, jitter: 0.01, fractionLost: 1 },
    });
  });

  it('takes a verbosity left out or null as the lowest, as the SDK itself does', () => {
    const read = readNetworkQualityReport({
      ...chromiumReport,
      reportLevel: undefined,
      remoteReportLevel: null,
    });
    expect('report' in read && [read.report.reportLevel, read.report.remoteReportLevel]).toEqual([1, 0]);
  });

  it('refuses broken or hostile reports, naming what is wrong', () => {
    const problems = [
      null,
      'network_quality',
      [],
      { ...chromiumReport, reportLevel: 4 },
      { ...chromiumReport, remoteReportLevel: '1' },
      { ...chromiumReport, ice: 'fast' },
      { ...chromiumReport, ice: { rtt: -1 } },
      { ...chromiumReport, video: { send: { bitrate: 'lots' } } },
      { ...chromiumReport, audio: { recv: { jitter: Number.POSITIVE_INFINITY } } },
      { ...chromiumReport, audio: { recv: [] } },
    ].map((message) => readNetworkQualityReport(message));
    expect(problems).toEqual([
      { problem: 'the report is not an object' },
      { problem: 'the report is not an object' },
      { problem: 'the report is not an object' },
      { problem: 'reportLevel is not one of 1, 2, 3' },
      { problem: 'remoteReportLevel is not one of 0, 1, 2, 3' },
      { problem: 'ice is not an object' },
      { problem: 'ice.rtt is not a number of 0 or more' },
      { problem: 'video.send.bitrate is not a number of 0 or more' },
      { problem: 'audio.recv.jitter is not a number of 0 or more' },
      { problem: 'audio.recv is not an object' },
    ]);
  });
});

describe('combining the client’s and the media server’s measurements', () => {
  it('keeps the worse delay and loss, and a bitrate over a zero', () => {
    const client = {
      ...nothingMeasured,
      video: { send: { ...unmeasured, bitrate: 0, rtt: 0.02, available: 300_000 }, recv: unmeasured },
    };
    const server = {
      ...nothingMeasured,
      video: { send: { ...unmeasured, bitrate: 150_000, rtt: 0.05, fractionLost: 0.3 }, recv: unmeasured },
    };
    expect(combineMeasurements(client, server).video.send).toEqual({
      bitrate: 150_000,
      available: 300_000,
      rtt: 0.05,
      jitter: null,
      fractionLost: 0.3,
    });
    expect(combineMeasurements(nothingMeasured, nothingMeasured)).toEqual(nothingMeasured);
  });
});

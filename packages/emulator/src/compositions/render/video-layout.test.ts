import { TwilioError } from '@roomlab/core';
import { describe, expect, it } from 'vitest';
import { parseVideoLayout } from './video-layout.js';

const hd = { width: 1280, height: 720 };

function layoutFailure(input: unknown): TwilioError {
  try {
    parseVideoLayout(input, hd);
  } catch (error) {
    if (error instanceof TwilioError) return error;
    throw error;
  }
  throw new Error('the layout was accepted');
}

describe('parseVideoLayout', () => {
  it("reads the form parameter's JSON text and fills in Twilio's defaults", () => {
    const layout = parseVideoLayout('{"grid":{"video_sources":["*"]}}', hd);
    expect(layout.regions).toEqual([
      {
        name: 'grid',
        xPos: 0,
        yPos: 0,
        zPos: 0,
        width: 1280,
        height: 720,
        maxColumns: undefined,
        maxRows: undefined,
        cellsExcluded: [],
        reuse: 'show_oldest',
        videoSources: ['*'],
        videoSourcesExcluded: [],
      },
    ]);
  });

  it("takes a JSON body's object and keeps the regions in order, each reaching the far edges by default", () => {
    const layout = parseVideoLayout(
      {
        pip: { z_pos: 2, x_pos: 1000, y_pos: 30, width: 240, height: 180, video_sources: ['MTBBBB'] },
        main: { z_pos: 1, x_pos: 100, y_pos: 20, video_sources: ['screen-presentation'] },
      },
      hd,
    );
    expect(
      layout.regions.map(({ name, xPos, yPos, zPos, width, height }) => [
        name,
        xPos,
        yPos,
        zPos,
        width,
        height,
      ]),
    ).toEqual([
      ['pip', 1000, 30, 2, 240, 180],
      ['main', 100, 20, 1, 1180, 700],
    ]);
  });

  it("keeps a mosaic's grid limits, excluded cells, reuse and exclusions", () => {
    const layout = parseVideoLayout(
      {
        interviewers: {
          max_rows: 3,
          max_columns: 3,
          reuse: 'show_newest',
          cells_excluded: [4],
          video_sources: ['interviewer-*'],
          video_sources_excluded: ['interviewer-2'],
        },
      },
      hd,
    );
    expect(layout.regions[0]).toMatchObject({
      maxRows: 3,
      maxColumns: 3,
      reuse: 'show_newest',
      cellsExcluded: [4],
      videoSourcesExcluded: ['interviewer-2'],
    });
  });

  it.each([
    ['text that is not JSON', '{"grid":', /not valid JSON/],
    ['an array', '[]', /JSON object of regions/],
    ['no region', {}, /at least one region/],
    ['a region that is not an object', { grid: 3 }, /region 'grid' must be an object/],
    ['an unknown property', { grid: { video_sources: ['*'], colour: 'red' } }, /unknown property 'colour'/],
    ['video_sources as a string', { grid: { video_sources: 'RT2bfd' } }, /video_sources must be an array/],
    ['an empty source name', { grid: { video_sources: [''] } }, /video_sources must be an array/],
    ['no video source in any region', { a: {}, b: { video_sources: [] } }, /no region has any video_sources/],
    [
      'z_pos above 99',
      { grid: { video_sources: ['*'], z_pos: 100 } },
      /z_pos must be an integer from -99 to 99/,
    ],
    [
      'a fractional x_pos',
      { grid: { video_sources: ['*'], x_pos: 1.5 } },
      /x_pos must be an integer from 0 to 1279/,
    ],
    ['x_pos off the canvas', { grid: { video_sources: ['*'], x_pos: 1280 } }, /x_pos must be an integer/],
    [
      'a width under 16',
      { grid: { video_sources: ['*'], width: 15 } },
      /width must be an integer from 16 to 1280/,
    ],
    [
      'a region past the right edge',
      { grid: { video_sources: ['*'], x_pos: 1000, width: 300 } },
      /from 16 to 280/,
    ],
    [
      'a height past the bottom',
      { grid: { video_sources: ['*'], y_pos: 700, height: 30 } },
      /height must be/,
    ],
    [
      'max_columns of 0',
      { grid: { video_sources: ['*'], max_columns: 0 } },
      /max_columns must be an integer at least 1/,
    ],
    ['a negative excluded cell', { grid: { video_sources: ['*'], cells_excluded: [-1] } }, /cells_excluded/],
    ['an unknown reuse', { grid: { video_sources: ['*'], reuse: 'sometimes' } }, /reuse must be one of none/],
  ])('refuses %s with 20001 Invalid parameter', (_, input, message) => {
    const error = layoutFailure(input);
    expect({ code: error.code, status: error.status }).toEqual({ code: 20001, status: 400 });
    expect(error.message).toMatch(/^Invalid VideoLayout: /);
    expect(error.message).toMatch(message);
  });
});

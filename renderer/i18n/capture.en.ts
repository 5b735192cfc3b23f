import type { captureZhTW } from './capture.zh-TW';
import type { Shape } from './shape';

export const captureEn: Shape<typeof captureZhTW> = {
  camera: {
    title: 'Document camera',
    device: 'Camera',
    open: 'Open the document camera',
    close: 'Close the document camera',
    shoot: 'Take a page',
    busy: 'Checking this page (cropping, straightening, reading the ID number)…',
    taken: '{{n}} page(s) taken',
    preview: 'Live view of the document camera',
    hint: 'Lay the form flat under the camera with the whole sheet in view, then take it; take a multi-page form one page at a time.',
    resolution: 'Picture {{width}} × {{height}}',
    denied: 'Not allowed to use the camera: ask IT to allow this program to use the camera on this PC',
    notFound: 'No document camera found: check that it is connected, or use a scanner or a file',
    inUse: 'Another program is using the document camera: close it and try again',
    failed:
      'The document camera could not be opened: unplug it and plug it in again, and tell IT if it still fails (error code {{code}})',
  },
  formType: {
    label: 'Form type (the page count is checked against it)',
    option: '{{name}} ({{n}} page(s))',
    is: 'Form type: {{form}}',
  },
  progress: {
    scanning: 'The scanner is scanning…',
    starting: 'Reading the file…',
    startingPhoto: 'Receiving the photo…',
    checking: 'Checking page {{page}} of {{of}} (crop, resolution, sharpness)…',
    reading_id: 'Reading the ID number on page {{page}} of {{of}}…',
    cancel: 'Cancel the scan',
  },
  editor: {
    edit: 'Adjust page {{n}}',
    title: 'Adjust page {{n}} (crop, straighten, turn)',
    intro:
      'Drag the four corners, or move them with the arrow keys, onto the sheet’s corners; the desk corrects the perspective and makes an A4 page.',
    corner: {
      tl: 'Top-left corner',
      tr: 'Top-right corner',
      br: 'Bottom-right corner',
      bl: 'Bottom-left corner',
    },
    cornerAt: '{{corner}}: {{x}}, {{y}} (arrow keys move it; hold Shift for fine steps)',
    detected: 'Use the edges found',
    whole: 'Use the whole image',
    noEdges: 'No sheet edges found (the whole image is the page)',
    rotateLeft: 'Turn left 90°',
    rotateRight: 'Turn right 90°',
    turned: 'Output turned {{deg}}°',
    result: 'What the page will look like (roughly)',
    deskew: 'Straightening angle (degrees)',
    autoDeskew: 'Straighten automatically ({{deg}}°)',
    apply: 'Apply',
    applying: 'Making the page again…',
    cancel: 'Cancel',
    loading: 'Loading the original image…',
    moveUp: 'Move page {{n}} up',
    moveDown: 'Move page {{n}} down',
  },
};

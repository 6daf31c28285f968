'use strict';
// The sample files of seedSampleData: two small PNG photos on the first sample report's feedback and a PDF.
const LEAK_PHOTO = {
	name: 'leak-1.png',
	contentType: 'image/png',
	bytes: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGOQqzghV3GCAUIBACOuBXkP+H/6AAAAAElFTkSuQmCC', 'base64'),
};
const CEILING_PHOTO = {
	name: 'leak-2.png',
	contentType: 'image/png',
	bytes: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGM4YaNxwkaDAUIBACNeBLHVZQG1AAAAAElFTkSuQmCC', 'base64'),
};
const QUOTE_PDF = {
	name: 'plumber-quote.pdf',
	contentType: 'application/pdf',
	bytes: Buffer.from(
		'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
			'3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
	),
};

module.exports = { SAMPLE_PHOTOS: [LEAK_PHOTO, CEILING_PHOTO], SAMPLE_DOCUMENT: QUOTE_PDF };

// The documents module's job kinds, named apart from their handlers so a command can queue one without loading
// the renderers.
export const RENDER_DOCUMENT = 'documents.render';
export const CONVERT_PDF = 'documents.convert-pdf';

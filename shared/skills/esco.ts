// Facts about ESCO (European Skills, Competences, Qualifications and Occupations) that several modules need.

/** ESCO is CC BY 4.0; anything that shows its labels must carry exactly this sentence. */
export const ESCO_ATTRIBUTION = 'This service uses the ESCO classification of the European Commission.';

/** Every ESCO concept IRI starts with this (skills are `http://data.europa.eu/esco/skill/<uuid>`). */
export const ESCO_IRI_PREFIX = 'http://data.europa.eu/esco/';

/** True for an ESCO concept IRI (also accepting the https form some tools write). */
export function isEscoIri(iri: string): boolean {
  return iri.startsWith(ESCO_IRI_PREFIX) || iri.startsWith('https://data.europa.eu/esco/');
}

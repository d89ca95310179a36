/** Small, fixed name lists for demo people and places in Meetjesland (no external generator needed). */

/** First names by generation, so a grandmother is not called Mila. */
export const firstNames = {
  FEMALE: {
    young: ["Emma", "Louise", "Mila", "Olivia", "Elise", "Lotte", "Fien", "Noor", "Julie", "Lien", "Hanne", "Febe", "Jana", "Linde", "Nina", "Amira", "Yasmina", "Ella", "Marie", "Lore", "Kaat", "Ayla", "Zoë", "Hannah"],
    older: ["Sofie", "An", "Katrien", "Els", "Greet", "Annick", "Hilde", "Nathalie", "Liesbeth", "Rita", "Godelieve", "Maria", "Paula", "Martine", "Christiane", "Simonne", "Jeanine", "Ingrid", "Veerle", "Carine", "Marleen", "Lieve", "Agnes", "Monique"],
  },
  MALE: {
    young: ["Lucas", "Louis", "Arthur", "Noah", "Jules", "Finn", "Warre", "Seppe", "Wout", "Lars", "Robbe", "Vic", "Adam", "Emre", "Lowie", "Bram", "Ruben", "Kobe", "Mathis", "Stan", "Mohamed", "Cas", "Milan", "Thibault"],
    older: ["Pieter", "Tom", "Bart", "Koen", "Dirk", "Luc", "Marc", "Patrick", "Geert", "Johan", "Jan", "Wim", "Stijn", "Filip", "Jozef", "Roger", "Gilbert", "André", "Willy", "Frans", "Georges", "Achiel", "Etienne", "Rudi"],
  },
} as const;

export const lastNames = [
  "De Smet", "De Vos", "Van de Velde", "Claeys", "De Clercq", "Goethals", "Van Hecke", "De Meyer", "Verstraete", "Vermeersch",
  "De Baets", "Van Damme", "Martens", "Mortier", "De Wilde", "Pauwels", "Van Acker", "Van den Abeele", "De Paepe", "Standaert",
  "Huyghe", "De Cock", "Van Landschoot", "De Bruyne", "Bracke", "Dhondt", "D'Hooge", "Verhaeghe", "De Rycke", "Van Hoorebeke",
  "De Muynck", "Hoste", "Verplancke", "Bogaert", "Van Caeneghem", "De Vlieger", "Lippens", "Van Eeckhout", "Buysse", "De Backer",
  "Rogiers", "Vercruysse", "Van Waes", "Ryckaert", "Blondeel", "De Keyser", "Van Vooren", "Cnudde", "Maes", "Peeters",
  "Janssens", "Van Kerckhove", "Schelfaut", "De Schepper", "Govaert", "Lambrecht", "Van Maele", "De Lille", "El Amrani", "Yilmaz",
  "Nowak", "Nguyen", "Bouzid", "Martin",
] as const;

export const streets = [
  "Kerkstraat", "Stationsstraat", "Molenstraat", "Dorpsstraat", "Schoolstraat", "Nieuwstraat", "Kapellestraat", "Veldstraat",
  "Beekstraat", "Brugsesteenweg", "Gentsesteenweg", "Markt", "Weststraat", "Ooststraat", "Zuidstraat", "Noordstraat",
  "Hoogstraat", "Lindenlaan", "Kasteelstraat", "Polderstraat", "Kanaalstraat", "Vaartstraat", "Meersstraat", "Bosstraat",
  "Heirweg", "Leeuwerikstraat", "Rozenlaan", "Tulpenstraat", "Krekelstraat", "Sint-Jansstraat", "Processiestraat", "Boelare",
] as const;

/** Lower-case ASCII for mail addresses: "D'Hooge" → "dhooge", "André" → "andre". */
export function mailPart(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

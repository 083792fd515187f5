// The few functions of text-readability this area uses (the package ships no types).
declare module "text-readability" {
  const readability: { fleschKincaidGrade(text: string): number };
  export default readability;
}

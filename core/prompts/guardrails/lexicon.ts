// The vocabulary the deterministic layer judges with. Scene content is what is in the room: its
// objects and furniture, the architecture, materials, colours, the style of the furnishing, its size
// and layout. Rendering quality is how the render shows it: light, shadows, reflections, lens, focus,
// noise, exposure, colour accuracy, texture fidelity. Words are in their canonical spelling (words.ts).

const set = (words: string) => new Set(words.trim().split(/\s+/));

/** Things in or of the room: naming one (without a quality head) puts it in the scene. */
export const OBJECTS = set(`
  sofa couch sectional loveseat settee armchair chair stool bench ottoman pouf footstool table desk console sideboard
  dresser wardrobe closet cabinet cabinetry cupboard drawer shelf shelving bookshelf bookcase bed headboard bunk crib
  mattress bedding duvet pillow cushion throw blanket rug carpet mat curtain drape blind shutter lamp chandelier pendant
  sconce fixture fitting tap faucet sink basin bathtub bath tub shower toilet vanity mirror tv television appliance
  fridge refrigerator oven stove hob cooktop hood dishwasher microwave island counter countertop worktop backsplash
  splashback tile tiling floor flooring wall wallpaper ceiling beam column pillar arch archway doorway door window
  skylight balcony terrace patio staircase stair stairs step railing banister fireplace mantel mantelpiece hearth
  radiator fan plant planter pot vase flower tree artwork art painting poster print sculpture statue decor decoration
  ornament accessory accessories book toy clutter bowl fruit candle clock basket person people man woman child kid dog
  cat pet view skyline garden sea ocean mountain snow mezzanine loft nook alcove niche partition hallway corridor room
  bedroom kitchen bathroom office studio garage living dining lounge space layout floorplan furniture furnishing
  upholstery molding wainscoting cornice skirting trim paneling leg handle knob hardware sign strip piece interior
  apartment house home headboard surround bar hearth shelf rail tv screen boiler heater extractor pantry laundry
  closet attic basement porch deck veranda conservatory wardrobe rug runner canopy pergola pool`);

export const MATERIALS = set(`
  material marble wood wooden oak walnut pine ash teak maple cherry birch bamboo granite quartz terrazzo concrete brick
  tile stone slate limestone travertine metal steel stainless brass copper bronze chrome gold silver iron aluminum
  glass velvet leather suede fabric linen cotton wool silk jute rattan wicker cane parquet laminate vinyl hardwood
  plaster stucco porcelain ceramic resin lacquer lacquered veneer plywood cork sisal boucle tweed chenille
  herringbone polished brushed matte satin terracotta corian formica acrylic mosaic`);

export const COLOURS = set(`
  color palette scheme hue shade red green blue yellow orange purple pink beige black white gray brown teal navy
  pastel monochrome crimson scarlet burgundy maroon ochre mustard lavender lilac violet magenta turquoise aqua cyan
  emerald olive sage mint lime forest charcoal ivory cream taupe tan khaki sand rust copper coral peach salmon
  indigo cobalt azure plum wine gold silver bronze blush mauve greige off terracotta colored colorful`);

export const STYLES = set(`
  style styled theme themed decor modern minimalist minimal scandinavian scandi nordic industrial rustic bohemian boho
  deco mid century japandi farmhouse coastal hamptons maximalist victorian edwardian georgian futuristic cyberpunk
  gothic contemporary traditional classic classical luxury luxurious vintage retro colonial mediterranean tropical zen
  chic baroque rococo moroccan eclectic transitional country cottage cabin chalet loft art nouveau brutalist
  redesign makeover renovation remodel staging overhaul refit refurbishment designer christmas halloween`);

/** Size and layout words: "bigger windows", "open plan". */
export const SIZES = set(`
  size big bigger biggest large larger largest small smaller smallest wide wider narrow narrower tall taller high
  higher low lower long longer short shorter spacious roomy tiny huge giant double twin king queen open plan extra
  extended enlarged vaulted arched proportion`);

/** Words that say the thing is new or different from what is there. */
export const CHANGE_ADJECTIVES = set(`
  new different another extra additional second third fewer other alternative changed replaced warmer cooler
  lighter darker brighter two three four several many bigger larger smaller`);

/** How the render shows the room. */
export const QUALITY_NOUNS = set(`
  light lighting sunlight daylight moonlight illumination shadow highlight sheen gloss glare flare caustic bounce
  falloff exposure contrast balance cast tint noise grain haze blur blurriness artifact banding gradient aberration
  vignetting vignette distortion focus sharpness detail texture veining resolution render rendering rendition
  renderer reproduction photo photograph photography image picture shot camera lens aperture bokeh depth field
  realism photorealism fidelity accuracy quality clarity definition translucency transparency scattering occlusion
  edge line perspective vertical gamut grading tone dynamic range saturation vibrance imperfection roughness fold
  ray glow atmosphere ambience response reflection reflectivity specular look detailing hdr dof pbr raw
  illumination luminance brightness darkness microcontrast engine octane vray corona cycles redshift unreal 8k 4k
  16k hd uhd dpi mm megapixel sensor iso f exposure grain artifacting jpeg compression smoothness crispness
  precision definition depiction portrayal cgi watermark text logo signature caption montage collage masterpiece
  canon nikon sony leica hasselblad fujifilm eos alpha`);

/** Adjectives that describe rendering, never the room. */
export const QUALITY_ADJECTIVES = set(`
  realistic photorealistic hyperrealistic ultra lifelike accurate faithful true correct corrected natural sharp
  sharper crisp crisper clean clear detailed intricate fine finer soft softer subtle gentle even balanced neutral
  smooth professional cinematic physically high ultra denoised volumetric diffused diffuse glossy specular real
  exact precise authentic convincing believable faithfully accurately realistically correctly naturally better
  improved enhanced refined richer rich deep deeper bright airy well lit noise free aliased anti tack award winning
  architectural editorial magazine traced path ray based global ambient indirect direct golden hour morning evening
  afternoon overcast warm cool dramatic moody studio wide angle tilt shift full frame straight vertical sharpened
  focused shallow subsurface proper consistent uniform realism hdr high-end`);

/** What a defect is called: removing "blurry window frames" removes the blur, not the frames. */
export const DEFECT_ADJECTIVES = set(`
  blurry blurred noisy grainy warped distorted overexposed underexposed blown washed oversaturated saturated jagged
  hazy muddy smeared smudged pixelated aliased banded harsh flat dull fuzzy soft ugly deformed fake plastic cgi
  unrealistic artificial garish murky dark dim burnt clipped tinted`);

/** Lights that are fixtures, not illumination: "pendant lights" add lamps. */
export const FIXTURE_MODIFIERS = set('pendant recessed ceiling wall string strip track spot led neon fairy floor desk table reading bedside chandelier');

/** The words that make a clause keep something: "keep the layout", "same room", "as it is". */
export const PRESERVE_WORDS = set('keep keeping preserve preserving retain maintain leave same exact exactly original unchanged untouched identical intact');

export const DETERMINERS = set('the its their this these those existing current present all every each his her our your my');
export const INDEFINITE = set('a an some one');
export const PREPOSITIONS = set(`
  on in of from across through under beneath below over above onto along at for to into between around behind near by
  against throughout outside inside out beside next like as via within towards toward upon off among`);
/** Heads that name a property of the scene: content, unless an accuracy word makes them about fidelity. */
export const ATTRIBUTES = set('color material finish pattern palette scheme hue shade proportion');

export const STOPWORDS = set('is are be should would could will must it it\'s that which there them they just also please then very slightly much more most so both only');
